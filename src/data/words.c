/* words.c: the translations table (words.h): one row per fixed text, a
 * column per language. */
#include <string.h>
#include "buurtscan/words.h"

#define DASH "\xe2\x80\x93"   /* en dash */
#define DOT "\xc2\xb7"        /* middle dot */

static const char *const lang_names[BS_LANG_COUNT] = {"nl", "en"};

typedef struct row {
    const char *text[BS_LANG_COUNT];   /* nl, en */
} row;

static const row rows[BS_WORD_COUNT] = {
    /* numbers and dates */
    [BS_W_DECIMAL_SIGN] = {{",", "."}},
    [BS_W_GROUP_SIGN] = {{".", ","}},
    [BS_W_JANUARY] = {{"januari", "January"}},
    [BS_W_FEBRUARY] = {{"februari", "February"}},
    [BS_W_MARCH] = {{"maart", "March"}},
    [BS_W_APRIL] = {{"april", "April"}},
    [BS_W_MAY] = {{"mei", "May"}},
    [BS_W_JUNE] = {{"juni", "June"}},
    [BS_W_JULY] = {{"juli", "July"}},
    [BS_W_AUGUST] = {{"augustus", "August"}},
    [BS_W_SEPTEMBER] = {{"september", "September"}},
    [BS_W_OCTOBER] = {{"oktober", "October"}},
    [BS_W_NOVEMBER] = {{"november", "November"}},
    [BS_W_DECEMBER] = {{"december", "December"}},
    [BS_W_YES] = {{"ja", "yes"}},
    [BS_W_NO] = {{"nee", "no"}},
    [BS_W_AND] = {{"en", "and"}},

    /* disclosure footnotes */
    [BS_W_DISC_SECRET] = {{"geheim of onbetrouwbaar", "secret or unreliable"}},
    [BS_W_DISC_UNKNOWN] = {{"onbekend", "unknown"}},

    /* designation reasons */
    [BS_W_DES_NEW] = {{"nieuw", "new"}},
    [BS_W_DES_CONTINUES] = {{"blijft", "continues"}},
    [BS_W_DES_KEEPS] = {{"behoudt predicaat", "keeps the designation"}},
    [BS_W_DES_DROPPED] = {{"vervalt", "dropped"}},
    [BS_W_DES_NONE] = {{"geen predicaat", "not designated"}},
    [BS_W_DES_RANK] = {{"rang", "rank"}},
    [BS_W_DES_CUT_TOP] = {{"grens: top %zu", "cut-off: top %zu"}},
    [BS_W_DES_OUTSIDE_TOP] = {{"buiten top %zu", "outside the top %zu"}},
    [BS_W_DES_KEEP_UNTIL] = {{"blijft tot rang %zu", "kept up to rank %zu"}},
    [BS_W_DES_NO_SCORE] = {{"geen score (ontbrekende gegevens)",
                            "no score (missing data)"}},
    [BS_W_DES_TIE] = {{"gelijke score op de grens: %zu IKC's op rang %ld, "
                       "allemaal aangewezen",
                       "tied at the cut-off: %zu IKCs at rank %ld, all "
                       "designated"}},
    [BS_W_DES_CONTRIB] = {{"grootste bijdragen", "largest contributions"}},

    /* quadrants */
    [BS_W_Q_HIGH_NEED_LOW_SUPPLY] = {{"hoge nood, weinig basis",
                                      "high need, weak base"}},
    [BS_W_Q_HIGH_NEED_HIGH_SUPPLY] = {{"hoge nood, sterke basis",
                                       "high need, strong base"}},
    [BS_W_Q_LOW_NEED_LOW_SUPPLY] = {{"lage nood, weinig basis",
                                     "low need, weak base"}},
    [BS_W_Q_LOW_NEED_HIGH_SUPPLY] = {{"lage nood, sterke basis",
                                      "low need, strong base"}},
    [BS_W_Q_UNKNOWN] = {{"onbekend", "unknown"}},

    /* typesetting */
    [BS_W_DOC_PAGE_OF] = {{"pagina %d van %d", "page %d of %d"}},
    [BS_W_DOC_CONTINUED] = {{" (vervolg)", " (continued)"}},

    /* the report: words of several sections */
    [BS_W_AREA] = {{"wijk", "neighbourhood"}},
    [BS_W_AREAS] = {{"wijken", "neighbourhoods"}},
    [BS_W_SCORE] = {{"Score", "Score"}},
    [BS_W_CODE] = {{"Code", "Code"}},
    [BS_W_RANK] = {{"Rang", "Rank"}},
    [BS_W_DECILE] = {{"Deciel", "Decile"}},
    [BS_W_INDICATOR] = {{"Indicator", "Indicator"}},
    [BS_W_MUNICIPALITY] = {{"Gemeente", "Municipality"}},
    [BS_W_NETHERLANDS] = {{"Nederland", "Netherlands"}},
    [BS_W_TOTAL] = {{"Totaal", "Total"}},
    [BS_W_NO_DATA] = {{"geen gegevens", "no data"}},
    [BS_W_TOO_SMALL_OR_SECRET] = {{"te klein of geheim", "too small or secret"}},
    [BS_W_NO_SCORE_SMALL] = {{"geen score: te klein", "no score: too small"}},
    [BS_W_NO_SCORE_DATA] = {{"geen score: te weinig gegevens",
                             "no score: too few data"}},
    [BS_W_RANK_UNCERTAIN] = {{"Rang bij onzekerheid", "Rank under uncertainty"}},
    [BS_W_P5_P95] = {{"p5" DASH "p95", "p5" DASH "p95"}},
    [BS_W_DIR_HIGH] = {{"hoog = meer vragen", "high = more need"}},
    [BS_W_DIR_LOW] = {{"laag = meer vragen", "low = more need"}},

    /* normalisations and aggregations */
    [BS_W_NORM_ZSCORE] = {{"z-score", "z-score"}},
    [BS_W_NORM_MINMAX] = {{"min-max", "min-max"}},
    [BS_W_NORM_RANK] = {{"rang", "rank"}},
    [BS_W_NORM_PERCENTILE] = {{"percentielrang", "percentile rank"}},
    [BS_W_NORM_EXPRANK] = {{"exponenti\xc3\xable rang (IMD)",
                            "exponential rank (IMD)"}},
    [BS_W_NORM_GOALPOSTS] = {{"doelpalen", "goalposts"}},
    [BS_W_NORM_DISTANCE] = {{"afstand tot referentie",
                             "distance to a reference"}},
    [BS_W_NORM_NONE] = {{"geen (ruwe waarde)", "none (raw value)"}},
    [BS_W_AGG_MEAN] = {{"gewogen rekenkundig gemiddelde",
                        "weighted arithmetic mean"}},
    [BS_W_AGG_GEOMETRIC] = {{"gewogen meetkundig gemiddelde",
                             "weighted geometric mean"}},
    [BS_W_AGG_HARMONIC] = {{"gewogen harmonisch gemiddelde",
                            "weighted harmonic mean"}},
    [BS_W_AGG_POWER] = {{"gegeneraliseerd gewogen gemiddelde",
                         "weighted generalised mean"}},

    /* cover and method */
    [BS_W_COVER] = {{"Voorblad", "Cover"}},
    [BS_W_DIRECTION] = {{"Richting", "Direction"}},
    [BS_W_WEIGHT] = {{"Gewicht", "Weight"}},
    [BS_W_NORMALISATION] = {{"Normalisatie", "Normalisation"}},
    [BS_W_SOURCE] = {{"Bron", "Source"}},
    [BS_W_YEAR] = {{"Jaar", "Year"}},
    [BS_W_H_INDICATORS] = {{"Indicatoren", "Indicators"}},
    [BS_W_H_DEFINITIONS] = {{"Definities", "Definitions"}},
    [BS_W_H_HOW_SCORE] = {{"Zo is de score berekend", "How the score is made"}},
    [BS_W_H_MISSING] = {{"Ontbrekende gegevens, kleine gebieden en "
                         "geheimhouding",
                         "Missing data, small areas and confidentiality"}},
    [BS_W_H_UNCERTAINTY] = {{"Onzekerheid", "Uncertainty"}},
    [BS_W_M_SCORE] = {{
        "Elke indicator is genormaliseerd (zie de tabel) en zo gericht dat "
        "een hogere waarde steeds op meer vragen wijst. De score van een %s "
        "is het %s van de genormaliseerde waarden, met de gewichten uit de "
        "tabel.%s",
        "Every indicator is normalised (see the table) and oriented so that "
        "a higher value always means more need. The score of a %s is the %s "
        "of its normalised values, with the weights in the table.%s"}},
    [BS_W_M_DOMAINS] = {{
        " De indicatoren zijn eerst per domein samengevoegd en de domeinen "
        "daarna tot de score.",
        " The indicators are first combined per domain, and the domains into "
        "the score."}},
    [BS_W_M_RANK] = {{
        "Rang 1 is de hoogste score. Het deciel is 10 \xc3\x97 rang / het "
        "aantal %s met een score, naar boven afgerond: deciel 1 bevat de "
        "10%% %s met de meeste vragen. %zu van de %zu %s hebben een score.",
        "Rank 1 is the highest score. The decile is 10 \xc3\x97 rank / the "
        "number of %s with a score, rounded up: decile 1 holds the 10%% of "
        "%s with the most need. %zu of the %zu %s have a score."}},
    [BS_W_M_COVERAGE] = {{
        "Een %s krijgt alleen een score als indicatoren met samen minstens "
        "%s van het gewicht een waarde hebben; %zu %s %s daardoor geen "
        "score.",
        "A %s gets a score only when indicators with together at least %s "
        "of the weight have a value; %zu %s %s no score for this reason."}},
    [BS_W_HAS] = {{"heeft", "has"}},
    [BS_W_HAVE] = {{"hebben", "have"}},
    [BS_W_M_SMALL] = {{
        "%s met minder dan %s inwoners krijgen geen score (te klein): %zu.",
        "%s with fewer than %s residents get no score (too small): %zu."}},
    [BS_W_M_IMPUTED] = {{
        "Voor de score zijn %zu ontbrekende waarden aangevuld "
        "(ge\xc3\xafmputeerd); de tabellen tonen de gemeten waarden.",
        "%zu missing values were filled in (imputed) for the score; the "
        "tables show the measured values."}},
    [BS_W_M_DISCLOSURE] = {{
        "Aantallen kleiner dan %s worden niet gepubliceerd; andere aantallen "
        "zijn afgerond op een veelvoud van %s. Verhoudingen (zoals "
        "percentages) met een noemer kleiner dan %s worden niet "
        "gepubliceerd.",
        "Counts below %s are not published; other counts are rounded to a "
        "multiple of %s. Rates on a denominator below %s are not "
        "published."}},
    [BS_W_M_SECONDARY] = {{
        "Staat er een totaal bij en is precies \xc3\xa9\xc3\xa9n cel geheim, "
        "dan wordt ook de kleinste andere cel geheim gehouden, zodat de "
        "geheime cel niet uit het totaal is terug te rekenen (werkwijze van "
        "het CBS).",
        "Where a total is printed and exactly one cell behind it is secret, "
        "the smallest other cell is kept secret too, so that the secret cell "
        "cannot be calculated back from the total (CBS practice)."}},
    [BS_W_M_POINT] = {{
        "Een punt (.) in een tabel betekent: onbekend, geheim of "
        "onbetrouwbaar.",
        "A point (.) in a table means: unknown, secret or unreliable."}},
    [BS_W_M_UNCERTAINTY] = {{
        "Een rangorde hangt af van keuzes: de gewichten en de normalisatie. "
        "Om te laten zien hoe vast een rang is, is de berekening %s keer "
        "herhaald, telkens met elk gewicht vermenigvuldigd met een toevallige "
        "factor tussen %s en %s en een normalisatie getrokken uit: %s "
        "(startgetal %llu). Het rang-interval loopt van het 5e tot het 95e "
        "percentiel van de rangen in die herhalingen.",
        "A ranking depends on choices: the weights and the normalisation. To "
        "show how firm a rank is, the calculation was repeated %s times, "
        "each time with every weight multiplied by a random factor between "
        "%s and %s and a normalisation drawn from: %s (seed %llu). The rank "
        "interval runs from the 5th to the 95th percentile of the ranks in "
        "those runs."}},
    [BS_W_M_TOP_CHANCE] = {{
        "De kans op de top %zu is het aandeel herhalingen waarin de %s rang "
        "%zu of beter heeft.",
        "The chance of a top %zu place is the share of the runs in which the "
        "%s ranks %zu or better."}},

    /* overview and ranking */
    [BS_W_R_CHANCE_TOP_N] = {{"Kans top %zu", "Chance top %zu"}},
    [BS_W_R_BAR] = {{
        "De balk toont het rang-interval: van het 5e tot het 95e percentiel "
        "van de rangen bij %s variaties van de gewichten en de normalisatie; "
        "het streepje is de mediaan en de stip de rang in dit rapport. Rang 1 "
        "staat links, rang %zu rechts.",
        "The bar shows the rank interval: it runs from the 5th to the 95th "
        "percentile of the ranks under %s variations of the weights and the "
        "normalisation; the tick is the median and the dot the rank in this "
        "report. Rank 1 is at the left, rank %zu at the right."}},
    [BS_W_R_CAPTION] = {{"%s naar rang", "%s by rank"}},

    /* area profiles */
    [BS_W_P_RANK_OF] = {{"rang %s van %zu " DOT " deciel %s",
                         "rank %s of %zu " DOT " decile %s"}},
    [BS_W_P_INTERVAL] = {{"p5" DASH "p95: %s" DASH "%s " DOT " mediaan %s",
                          "p5" DASH "p95: %s" DASH "%s " DOT " median %s"}},
    [BS_W_P_CHANCE_TOP] = {{"Kans op de top %zu: %s",
                            "Chance of the top %zu: %s"}},
    [BS_W_P_COVERAGE] = {{"Dekking: %s van het gewicht",
                          "Coverage: %s of the weight"}},
    [BS_W_P_NORMALISED] = {{"Genorm.", "Normalised"}},
    [BS_W_P_POSITION] = {{"Positie (rechts = meer vragen)",
                          "Position (right = more need)"}},
    [BS_W_P_SOCIAL_BASE] = {{"Sociale basis", "Social base"}},
    [BS_W_P_NUMBER] = {{"Aantal", "Number"}},
    [BS_W_P_PER_1000] = {{"per 1.000", "per 1,000"}},
    [BS_W_H_HOW_TO_READ] = {{"Zo leest u een profiel", "How to read a profile"}},
    [BS_W_A_MAP] = {{
        "De kaart toont de %s in volle kleur en haar buren vervaagd; de kleur "
        "is de klasse van de score, zoals op de overzichtskaart.",
        "The map shows the %s in full colour and its neighbours faded; the "
        "colour is the class of the score, as on the overview map."}},
    [BS_W_A_NORMALISED] = {{
        "Genormaliseerd: de waarde na normalisatie, zo gericht dat hoger "
        "steeds meer vragen betekent.",
        "Normalised: the value after normalisation, oriented so that higher "
        "always means more need."}},
    [BS_W_A_POSITION] = {{
        "Positie: elk streepje is een %s, het lange streepje is de mediaan en "
        "de stip is deze %s; verder naar rechts betekent meer vragen.",
        "Position: every tick is a %s, the long tick is the median and the "
        "dot is this %s; further right means more need."}},
    [BS_W_A_UNCERTAINTY] = {{
        "Rang bij onzekerheid: de balk loopt van het 5e tot het 95e "
        "percentiel van de rang als gewichten en normalisatie vari\xc3\xabren; "
        "rang 1 staat links.",
        "Rank under uncertainty: the bar runs from the 5th to the 95th "
        "percentile of the rank when weights and normalisation vary; rank 1 "
        "is at the left."}},
    [BS_W_A_QUESTIONS] = {{
        "De drie vragen van de scan sluiten elke pagina af, met wat de "
        "gesprekken in de %s opleverden (\xe2\x80\x94 = nog niet ingevuld).",
        "The three questions of the scan close each page, with what the "
        "conversations in the %s brought up (\xe2\x80\x94 = not yet filled "
        "in)."}},

    /* Plus-IKC designation */
    [BS_W_CHANGE_CONTINUED] = {{"voortgezet", "continued"}},
    [BS_W_CHANGE_NEW] = {{"nieuw", "new"}},
    [BS_W_CHANGE_DROPPED] = {{"vervalt", "dropped"}},
    [BS_W_D_CHANCE_TOP] = {{"Kans top", "Chance top"}},
    [BS_W_D_BEFORE] = {{"Vorige", "Before"}},
    [BS_W_D_NOW] = {{"Nu", "Now"}},
    [BS_W_D_CHANGE] = {{"Wijziging", "Change"}},
    [BS_W_D_RULE_TOP_KEEP] = {{"top %d, huidige Plus-IKC's blijven tot rang %d",
                               "top %d, current Plus-IKCs stay until rank %d"}},
    [BS_W_D_RULE] = {{
        "Regel: %s. %zu van de %zu IKC's zijn aangewezen (gearceerd).",
        "Rule: %s. %zu of the %zu IKCs are designated (shaded)."}},
    [BS_W_H_CHANGES] = {{"Wijzigingen sinds de vorige aanwijzing",
                         "Changes since the previous designation"}},
    [BS_W_D_NO_PREVIOUS] = {{"Er is geen vorige aanwijzing opgegeven.",
                             "No previous designation was given."}},
    [BS_W_D_NO_CHANGES] = {{"Geen: alle Plus-IKC's blijven.",
                            "None: every Plus-IKC stays."}},

    /* appendix */
    [BS_W_APP_CHUNK] = {{"Indicatoren %zu" DASH "%zu van %zu",
                         "Indicators %zu" DASH "%zu of %zu"}},
    [BS_W_APP_CHUNK1] = {{"Indicator %zu van %zu", "Indicator %zu of %zu"}},

    /* the job's maps: sources, legends, subtitles */
    [BS_W_J_SOURCE] = {{"Bron: ", "Source: "}},
    [BS_W_J_SOURCE_NONE] = {{"niet opgegeven (zet source = in [areas] en [data])",
                             "not given (set source = in [areas] and [data])"}},
    [BS_W_J_NORM_ZSCORE] = {{"gewogen gemiddelde z-score", "weighted mean z-score"}},
    [BS_W_J_NORM_MINMAX] = {{"gewogen gemiddelde, min-max 0-1",
                             "weighted mean, min-max 0-1"}},
    [BS_W_J_NORM_RANK] = {{"gewogen gemiddelde rang", "weighted mean rank"}},
    [BS_W_J_NORM_PERCENTILE] = {{"gewogen gemiddeld percentiel",
                                 "weighted mean percentile"}},
    [BS_W_J_NORM_EXPRANK] = {{"gewogen gemiddelde exponenti\xc3\xable rang (0-100)",
                              "weighted mean exponential rank (0-100)"}},
    [BS_W_J_NORM_GOALPOSTS] = {{"gewogen gemiddelde, doelpalen",
                                "weighted mean, goalposts"}},
    [BS_W_J_NORM_DISTANCE] = {{"gewogen gemiddelde afstand tot referentie",
                               "weighted mean distance to reference"}},
    [BS_W_J_NORM_NONE] = {{"gewogen gemiddelde van de ruwe waarden",
                           "weighted mean of raw values"}},
    [BS_W_J_METHOD_QUANTILE] = {{"kwantielen", "quantiles"}},
    [BS_W_J_METHOD_EQUAL] = {{"gelijke intervallen", "equal intervals"}},
    [BS_W_J_METHOD_FISHER_JENKS] = {{"natuurlijke grenzen (Fisher-Jenks)",
                                     "natural breaks (Fisher-Jenks)"}},
    [BS_W_J_METHOD_MANUAL] = {{"vaste grenzen", "fixed breaks"}},
    [BS_W_J_METHOD_STDMEAN] = {{"standaarddeviaties rond het gemiddelde",
                                "standard deviations about the mean"}},
    [BS_W_J_METHOD_BOXPLOT] = {{"boxplot", "box plot"}},
    [BS_W_J_METHOD_PERCENTILES] = {{"percentielen", "percentiles"}},
    [BS_W_J_METHOD_MAXBREAKS] = {{"grootste sprongen", "maximum breaks"}},
    [BS_W_J_METHOD_HEADTAIL] = {{"head/tail", "head/tail"}},
    [BS_W_J_METHOD_PRETTY] = {{"ronde grenzen", "pretty breaks"}},
    [BS_W_J_SCORE] = {{"Score", "Score"}},
    [BS_W_J_RANK] = {{"Rang (1 = meeste behoefte)", "Rank (1 = most need)"}},
    [BS_W_J_DECILE] = {{"Deciel (1 = meeste behoefte)", "Decile (1 = most need)"}},
    [BS_W_J_COVERAGE] = {{"Dekking (aandeel gewicht met gegevens)",
                          "Coverage (share of weight with data)"}},
    [BS_W_J_SCORE_SUBTITLE] = {{"Samengestelde score uit %zu indicatoren (%s); "
                                "hoger = meer behoefte",
                                "Composite score of %zu indicators (%s); "
                                "higher = more need"}},
    [BS_W_J_CLASSES] = {{"Indeling in %d klassen: %s%s", "%d classes: %s%s"}},
    [BS_W_J_POOLED] = {{", gedeeld met andere kaarten", ", shared with other maps"}},
    [BS_W_J_IKC_CONTINUED] = {{"Plus-IKC, blijft", "Plus-IKC, continued"}},
    [BS_W_J_IKC_NEW] = {{"Plus-IKC, nieuw", "Plus-IKC, new"}},
    [BS_W_J_IKC_DROPPED] = {{"vervalt", "dropped"}},
    [BS_W_J_IKC_NOT] = {{"IKC zonder predicaat", "IKC, not designated"}},
    [BS_W_J_DESIGNATION_TITLE] = {{"Herijking Plus-IKC's: %zu aangewezen (%zu "
                                   "blijven, %zu nieuw, %zu vervallen)",
                                   "Plus-IKC designation: %zu designated (%zu "
                                   "continued, %zu new, %zu dropped)"}},
    [BS_W_J_PRIORITIES_SUBTITLE] = {{"Behoefte (%s) tegenover sociale basis (%s), "
                                     "gesplitst bij de mediaan",
                                     "Need (%s) against social base (%s), split "
                                     "at the median"}},
    [BS_W_J_PRIORITIES_LEGEND] = {{"Waar eerst?", "Where first?"}},

    /* the council progress report */
    [BS_W_PR_TITLE] = {{"Voortgangsrapportage %s", "Progress report %s"}},
    [BS_W_PR_TITLE_PERIOD] = {{"%s, %s", "%s, %s"}},
    [BS_W_PR_COVER_AT] = {{"Stand %s", "Position at %s"}},
    [BS_W_PR_OVERVIEW] = {{"Overzicht", "Overview"}},
    [BS_W_PR_MONITORS] = {{"Monitors", "Monitors"}},
    [BS_W_PR_MONITOR] = {{"Monitor", "Monitor"}},
    [BS_W_PR_STOPLICHT] = {{"Stoplicht", "Traffic light"}},
    [BS_W_PR_BASELINE] = {{"Nulwaarde", "Baseline"}},
    [BS_W_PR_LATEST] = {{"Laatste waarde", "Latest value"}},
    [BS_W_PR_TARGET] = {{"Doel", "Target"}},
    [BS_W_PR_CHANGE] = {{"Verandering", "Change"}},
    [BS_W_PR_DEFINITION] = {{"Definitie", "Definition"}},
    [BS_W_PR_NOTES] = {{"Toelichting", "Commentary"}},
    [BS_W_PR_PROVISIONAL] = {{"voorlopig cijfer", "provisional figure"}},
    [BS_W_PR_PROV_MARK] = {{"v", "p"}},
    [BS_W_PR_PATH] = {{"Pad naar het doel", "Path to the target"}},
    [BS_W_PR_DIRECTION] = {{"Richting", "Direction"}},
    [BS_W_PR_LOWER_BETTER] = {{"lager is beter", "lower is better"}},
    [BS_W_PR_HIGHER_BETTER] = {{"hoger is beter", "higher is better"}},
    [BS_W_PR_TOLERANCE] = {{"Marge", "Tolerance"}},
    [BS_W_PR_BREAK] = {{"Trendbreuk vanaf", "Series break from"}},
    [BS_W_PR_INTRO] = {{"Deze rapportage volgt %zu monitors tegen hun "
                        "nulwaarde en doel, met de stand over %s. Elke "
                        "monitor heeft een stoplicht; de acties hebben hun "
                        "eigen stoplicht.",
                        "This report follows %zu monitors against their "
                        "baseline and target, as at %s. Every monitor has a "
                        "traffic light; the actions have their own."}},
    [BS_W_PR_RULE] = {{"Groen: op of voor op het pad van de nulwaarde naar "
                       "het doel (of een drempel gehaald). Oranje: achter op "
                       "het pad, maar niet slechter dan de nulwaarde. Rood: "
                       "slechter dan de nulwaarde. Grijs: niet te beoordelen "
                       "(geen nulwaarde, nog geen nieuwe waarde of een "
                       "trendbreuk).",
                       "Green: on or ahead of the path from the baseline to "
                       "the target (or a threshold met). Orange: behind the "
                       "path, but not worse than the baseline. Red: worse "
                       "than the baseline. Grey: cannot be judged (no "
                       "baseline, no new value yet, or a series break)."}},
    [BS_W_PR_COUNT] = {{"%zu %s", "%zu %s"}},
    [BS_W_PR_NO_VALUE_AT] = {{"geen waarde in of v\xc3\xb3\xc3\xb3r %s",
                              "no value in or before %s"}},
    [BS_W_PR_NOT_YET] = {{"nog geen waarde over %s; laatste waarde %s",
                          "no value for %s yet; latest value %s"}},
    [BS_W_PR_PP] = {{" procentpunt", " pp"}},
    [BS_W_PR_ACTIONS] = {{"Voortgang van de acties", "Progress of the actions"}},
    [BS_W_PR_ACTIONS_INTRO] = {{"De stand van de acties (knoppen) volgens "
                                "hun trekkers.",
                                "The state of the actions as their owners "
                                "report it."}},
    [BS_W_PR_ACTION] = {{"Actie", "Action"}},
    [BS_W_PR_OWNER] = {{"Trekker", "Owner"}},
    [BS_W_PR_STATUS] = {{"Status", "Status"}},
    [BS_W_PR_APPENDIX] = {{"Bijlage: alle reeksen", "Appendix: all series"}},
    [BS_W_PR_APPENDIX_INTRO] = {{"Elke waarde per periode, met het stoplicht "
                                 "alsof die periode de laatste was.",
                                 "Every value by period, with the traffic "
                                 "light as if that period were the latest."}},
    [BS_W_PR_PERIOD] = {{"Periode", "Period"}},
    [BS_W_PR_VALUE] = {{"Waarde", "Value"}},
    [BS_W_PR_SERIES] = {{"Reeks", "Series"}},
    [BS_W_PR_AREAS_CAPTION] = {{"%s per gebied", "%s by area"}},
    [BS_W_PR_GREY_WHY] = {{"grijs: %s", "grey: %s"}},
    [BS_W_PR_ILLUSTRATIVE] = {{"ILLUSTRATIEF", "ILLUSTRATIVE"}},
    [BS_W_H_CHECKS] = {{"Controles op de invoer", "Checks on the input"}},
    [BS_W_M_CHECKS] = {{
        "De invoer is gecontroleerd op aandelen buiten 0–100, tellers boven "
        "hun noemer, de eigen regels van dit project, gemengde perioden en "
        "uitschieters. Hieronder %zu van de %zu bevindingen; alle staan in "
        "checks.csv.",
        "The input was checked for shares outside 0–100, numerators above "
        "their denominators, this project's own rules, mixed periods and "
        "outliers. Below %zu of the %zu findings; checks.csv has them all."}},
    /* [spatial] (issue 15) */
    [BS_W_LISA_NOT_SIGNIFICANT] = {{"niet significant", "not significant"}},
    [BS_W_LISA_HH] = {{"hoog-hoog", "high-high"}},
    [BS_W_LISA_LL] = {{"laag-laag", "low-low"}},
    [BS_W_LISA_LH] = {{"laag-hoog", "low-high"}},
    [BS_W_LISA_HL] = {{"hoog-laag", "high-low"}},
    [BS_W_LISA_ISLAND] = {{"geen buren", "no neighbours"}},
    [BS_W_LISA_MISSING] = {{"geen waarde", "no value"}},
    [BS_W_GI_NOT_SIGNIFICANT] = {{"niet significant", "not significant"}},
    [BS_W_GI_HOT] = {{"hotspot (hoog)", "hot spot (high)"}},
    [BS_W_GI_COLD] = {{"coldspot (laag)", "cold spot (low)"}},
    [BS_W_SP_LISA_TITLE] = {{"Clusters: %s (lokale Moran)",
                             "Clusters: %s (local Moran)"}},
    [BS_W_SP_GI_TITLE] = {{"Hot- en coldspots: %s (Getis-Ord Gi*)",
                           "Hot and cold spots: %s (Getis-Ord Gi*)"}},
    [BS_W_SP_SUBTITLE] = {{"Buren: %s; %zu permutaties; alfa %s; %s",
                           "Neighbours: %s; %zu permutations; alpha %s; %s"}},
    [BS_W_SP_GI_SUBTITLE] = {{"Buren: %s; p uit de normale verdeling; alfa %s; %s",
                              "Neighbours: %s; normal p-values; alpha %s; %s"}},
    [BS_W_SP_FDR] = {{"gecorrigeerd voor meervoudig toetsen (FDR)",
                      "corrected for multiple testing (FDR)"}},
    [BS_W_SP_NO_CORRECTION] = {{"niet gecorrigeerd voor meervoudig toetsen",
                                "not corrected for multiple testing"}},
    [BS_W_SP_LEGEND_LISA] = {{"Cluster", "Cluster"}},
    [BS_W_SP_LEGEND_GI] = {{"Gi*", "Gi*"}},
    [BS_W_SP_SCATTER_X] = {{"gestandaardiseerde waarde", "standardised value"}},
    [BS_W_SP_SCATTER_Y] = {{"gemiddelde van de buren", "mean of the neighbours"}},
    [BS_W_SP_SCATTER_TITLE] = {{"Moran's I = %s", "Moran's I = %s"}},
    [BS_W_SP_RESULT] = {{
        "Moran's I van <b>%s</b> is %s; zonder enige samenhang tussen buren "
        "zou hij rond %s liggen. De kans op een I van deze grootte bij toeval "
        "is p = %s (%zu permutaties, %zu %s).",
        "Moran's I of <b>%s</b> is %s; without any relation between "
        "neighbours it would lie around %s. The chance of an I this large by "
        "chance alone is p = %s (%zu permutations, %zu %s)."}},
    [BS_W_SP_COUNTS] = {{
        "%zu %s liggen in een cluster hoog-hoog (rood), %zu in een cluster "
        "laag-laag (blauw); %zu zijn uitschieters (hoog tussen laag of laag "
        "tussen hoog) en %zu zijn niet significant.",
        "%zu %s lie in a high-high cluster (red), %zu in a low-low cluster "
        "(blue); %zu are outliers (high among low or low among high) and %zu "
        "are not significant."}},
    [BS_W_SP_ISLANDS] = {{
        "%zu %s hebben geen buren; zij tellen niet mee in de clusters.",
        "%zu %s have no neighbours; they are left out of the clusters."}},
    [BS_W_SP_MEANS] = {{
        "Wat betekent dit? Een cluster hoog-hoog is een plek waar een hoge "
        "waarde samenvalt met hoge waarden in de buurwijken: daar speelt de "
        "vraag over de grenzen van de wijk heen, en ligt een aanpak voor het "
        "hele gebied meer voor de hand dan een aanpak per wijk. Wat betekent "
        "het niet? Een cluster is geen oorzaak en geen oordeel over de wijk. "
        "Welke wijken buren zijn is een keuze (hier: %s); een andere keuze "
        "geeft andere clusters. De scatterplot zet elke wijk af tegen het "
        "gemiddelde van haar buren; de helling van de lijn is Moran's I.",
        "What does this mean? A high-high cluster is a place where a high "
        "value coincides with high values in the neighbouring areas: the need "
        "crosses the borders of the area, and an approach for the whole "
        "district is more natural than one area by area. What does it not "
        "mean? A cluster is no cause and no verdict on the area. Which areas "
        "are neighbours is a choice (here: %s); another choice gives other "
        "clusters. The scatter plot sets each area against the mean of its "
        "neighbours; the slope of the line is Moran's I."}},
    [BS_W_SP_TESTS_FDR] = {{
        "Elke wijk is apart getoetst; omdat veel toetsen samen bij toeval "
        "treffers geven, is de drempel gecorrigeerd (false discovery rate, "
        "alfa %s).",
        "Each area is tested on its own; since many tests together give hits "
        "by chance, the threshold is corrected (false discovery rate, alpha "
        "%s)."}},
    [BS_W_SP_TESTS_PLAIN] = {{
        "Elke wijk is apart getoetst, zonder correctie voor meervoudig "
        "toetsen: bij alfa %s zijn ook zonder enige samenhang naar "
        "verwachting %s van de %zu wijken bij toeval \"significant\". Lees "
        "losse wijken in een cluster dus voorzichtig.",
        "Each area is tested on its own, without correction for multiple "
        "testing: at alpha %s, %s of the %zu areas are expected to be "
        "\"significant\" by chance even without any relation. Read single "
        "areas in a cluster with care."}},
    /* issue 14 */
    [BS_W_EXP_NAME] = {{"Naam", "Name"}},
    [BS_W_EXP_COVERAGE] = {{"Dekking", "Coverage"}},
    [BS_W_EXP_STATUS] = {{"Status", "Status"}},
    [BS_W_EXP_NORMALISED] = {{"(genormaliseerd)", "(normalised)"}},
    [BS_W_EXP_CONTRIB] = {{"(bijdrage)", "(contribution)"}},
    [BS_W_EXP_FLAG] = {{"(bewerking)", "(treatment)"}},
    [BS_W_LEVEL_GEMEENTE] = {{"gemeente", "municipality"}},
    [BS_W_LEVEL_GEMEENTEN] = {{"gemeenten", "municipalities"}},
    [BS_W_LEVEL_WIJK] = {{"wijk", "neighbourhood"}},
    [BS_W_LEVEL_WIJKEN] = {{"wijken", "neighbourhoods"}},
    [BS_W_LEVEL_BUURT] = {{"buurt", "district"}},
    [BS_W_LEVEL_BUURTEN] = {{"buurten", "districts"}},
    [BS_W_LEVEL_DORP] = {{"dorp", "village"}},
    [BS_W_LEVEL_DORPEN] = {{"dorpen", "villages"}},
    [BS_W_P_COMPARE_BOTH] = {{"De tabel zet de waarde van elke indicator naast "
                              "die van de gemeente en Nederland.",
                              "The table sets the value of every indicator next "
                              "to that of the municipality and the country."}},
    [BS_W_P_COMPARE_MUNI] = {{"De tabel zet de waarde van elke indicator naast "
                              "die van de gemeente.",
                              "The table sets the value of every indicator next "
                              "to that of the municipality."}},
    [BS_W_P_COMPARE_NAT] = {{"De tabel zet de waarde van elke indicator naast "
                             "die van Nederland.",
                             "The table sets the value of every indicator next "
                             "to that of the country."}},
};

int bs_lang_parse(const char *name, bs_lang *out)
{
    if (!name) {
        *out = BS_LANG_NL;
        return 0;
    }
    for (int l = 0; l < BS_LANG_COUNT; l++)
        if (strcmp(name, lang_names[l]) == 0) {
            *out = (bs_lang)l;
            return 0;
        }
    return -1;
}

bs_lang bs_lang_of(const char *name)
{
    bs_lang l = BS_LANG_NL;

    bs_lang_parse(name, &l);
    return l;
}

const char *bs_lang_name(bs_lang l)
{
    return (unsigned)l < BS_LANG_COUNT ? lang_names[l] : NULL;
}

const char *bs_word(bs_wordkey key, bs_lang l)
{
    const char *t;

    if ((unsigned)key >= BS_WORD_COUNT || (unsigned)l >= BS_LANG_COUNT)
        return "";
    t = rows[key].text[l];
    return t ? t : "";
}
