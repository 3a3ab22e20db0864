"""Opens a buurtscan GeoPackage in QGIS (headless) and renders its layer
'scores' with the style stored in layer_styles; prints the renderer, its
rules and how many features each rule draws, and writes a PNG.
Usage: QT_QPA_PLATFORM=offscreen python3 qgis_render.py FILE.gpkg OUT.png"""
import os
import sys
from qgis.core import (QgsApplication, QgsMapRendererParallelJob,
                       QgsMapSettings, QgsRenderContext, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(sys.argv[1] + "|layername=scores", "scores", "ogr")
if not layer.isValid():
    sys.exit("QGIS cannot open " + sys.argv[1])
renderer = layer.renderer()
print("layer: %d features, %s, renderer %s, labels %s" % (
    layer.featureCount(), layer.crs().authid(), renderer.type(),
    "on" if layer.labelsEnabled() else "off"))
settings = QgsMapSettings()
settings.setLayers([layer])
settings.setDestinationCrs(layer.crs())
settings.setExtent(layer.extent())
settings.setOutputSize(QSize(1000, 1200))
settings.setBackgroundColor(QColor(255, 255, 255))
if renderer.type() == "RuleRenderer":
    context = QgsRenderContext.fromMapSettings(settings)
    renderer.startRender(context, layer.fields())
    counts = {}
    for feature in layer.getFeatures():
        for symbol in renderer.symbolsForFeature(feature, context):
            key = symbol.color().name()
            counts[key] = counts.get(key, 0) + 1
    renderer.stopRender(context)
    for rule in renderer.rootRule().children():
        colour = rule.symbol().color().name()
        print("  %-28s %-9s %5d  %s" % (rule.label(), colour,
              counts.get(colour, 0), rule.filterExpression()))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save(sys.argv[2], "png")
print("rendered:", sys.argv[2])
sys.stdout.flush()
os._exit(0)   # QGIS 3.22's exitQgis() crashes in a script; nothing to save
