# The England IMD benchmark job in R (sf + classInt), for comparison with
# buurtscan (bench/england.ini): read the LSOA shapefile, reproject to the
# British National Grid, join the IoD2019 domain ranks, score (rank
# normalisation, IMD domain weights), 9 quantile classes in YlOrRd, and draw
# an A4 portrait PDF and a 300 dpi PNG.
# Usage: Rscript england.R SHAPEFILE CSV OUTDIR
suppressPackageStartupMessages({
    library(sf)
    library(classInt)
})
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 3)
shp <- args[1]; csv <- args[2]; out <- args[3]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

areas <- st_read(shp, quiet = TRUE)
areas <- st_transform(areas, 27700)
imd <- read.csv(csv, stringsAsFactors = FALSE)
areas <- merge(areas, imd, by.x = "code", by.y = "lsoa11cd", all.x = TRUE,
               sort = FALSE)

# As buurtscan's normalise = rank: ranks 1..n (ties averaged) oriented so that
# higher = more need; rank 1 = most deprived, so direction is "-".
w <- c(income_rank = .225, employment_rank = .225, education_rank = .135,
       health_rank = .135, crime_rank = .093, barriers_rank = .093,
       living_rank = .093)
st <- st_drop_geometry(areas)
norm <- sapply(names(w), function(col) rank(-st[[col]], ties.method = "average",
                                            na.last = "keep"))
areas$score <- as.vector(norm %*% w) / sum(w)

# ColorBrewer YlOrRd, 9 classes (as buurtscan's palette).
pal <- c("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a",
         "#e31a1c", "#bd0026", "#800026")
ci <- classIntervals(areas$score, n = 9, style = "quantile")
cols <- findColours(ci, pal)

draw <- function() {
    par(mar = c(1, 1, 3, 1))
    plot(st_geometry(areas), col = cols, border = "grey45", lwd = 0.25,
         main = "English Indices of Deprivation 2019")
    legend("topright", legend = names(attr(cols, "table")), fill = pal,
           title = "score", cex = 0.6, bty = "n")
}
pdf(file.path(out, "england.pdf"), width = 210 / 25.4, height = 297 / 25.4)
draw()
invisible(dev.off())
png(file.path(out, "england.png"), width = 2480, height = 3508, res = 300,
    type = "cairo")
draw()
invisible(dev.off())
write.csv(data.frame(code = areas$code, score = areas$score),
          file.path(out, "scores.csv"), row.names = FALSE)
