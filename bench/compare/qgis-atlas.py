#!/usr/bin/python3
"""The anchor job of issue 6 in QGIS: an atlas of all Dutch wijken.

One A4 portrait page per wijk of NLD_dist_2022.shp, made with QgsLayoutAtlas:
a map zoomed to the wijk (atlas-driven, 10 % margin), the layer drawn as a
choropleth of the share of low incomes (7 Fisher-Jenks classes, YlOrRd, as
bench/national-atlas.ini colours its score map), a legend, a scale bar and a
title with the wijk's name, all exported to one PDF.

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/compare/qgis-atlas.py SHP OUT.pdf
Needs the Debian packages qgis and python3-qgis (QGIS 3.22 on Debian 12).
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (QT_QPA_PLATFORM must be set first)
    QgsApplication,
    QgsClassificationJenks,
    QgsCoordinateReferenceSystem,
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsScaleBarSettings,
    QgsStyle,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QFont  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: qgis-atlas.py SHP OUT.pdf")
    shp, out = sys.argv[1], sys.argv[2]

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()

    project = QgsProject.instance()
    layer = QgsVectorLayer(shp, "wijken", "ogr")
    if not layer.isValid():
        sys.exit(f"{shp}: QGIS cannot open it")
    # the .prj's WKT2 is not read by every PROJ build: say it is RD New, so
    # that the scale bar measures metres
    rd = QgsCoordinateReferenceSystem("EPSG:28992")
    layer.setCrs(rd)
    project.setCrs(rd)
    project.addMapLayer(layer)

    # The choropleth: Jenks breaks on a real column, a ColorBrewer ramp.
    ramp = QgsStyle.defaultStyle().colorRamp("YlOrRd")
    if ramp is None:
        ramp = QgsGradientColorRamp()
    renderer = QgsGraduatedSymbolRenderer("income_low")
    renderer.setClassificationMethod(QgsClassificationJenks())
    renderer.updateClasses(layer, 7)
    renderer.updateColorRamp(ramp)
    layer.setRenderer(renderer)

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 page, landscape
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Portrait)

    title = QgsLayoutItemLabel(layout)
    title.setText('[% "name" %] ([% "code" %])')
    title.setFont(QFont("Sans", 18))
    title.attemptMove(QgsLayoutPoint(15, 12, QgsUnitTypes.LayoutMillimeters))
    title.attemptResize(QgsLayoutSize(180, 12, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(title)

    amap = QgsLayoutItemMap(layout)
    amap.attemptMove(QgsLayoutPoint(15, 30, QgsUnitTypes.LayoutMillimeters))
    amap.attemptResize(QgsLayoutSize(180, 180, QgsUnitTypes.LayoutMillimeters))
    amap.setLayers([layer])
    amap.zoomToExtent(layer.extent())  # setExtent would resize the item
    amap.setFrameEnabled(True)
    amap.setAtlasDriven(True)
    amap.setAtlasScalingMode(QgsLayoutItemMap.Auto)
    amap.setAtlasMargin(0.10)
    layout.addLayoutItem(amap)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Aandeel lage inkomens (%)")
    legend.setLinkedMap(amap)
    legend.attemptMove(QgsLayoutPoint(15, 218, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)

    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(amap)
    scalebar.setUnits(QgsUnitTypes.DistanceKilometers)
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegments(4)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    scalebar.setMinimumBarWidth(40)
    scalebar.setMaximumBarWidth(70)
    scalebar.attemptMove(QgsLayoutPoint(120, 220, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(scalebar)

    atlas = layout.atlas()
    atlas.setCoverageLayer(layer)
    atlas.setPageNameExpression('"code"')
    atlas.setEnabled(True)
    if os.environ.get("QGIS_ATLAS_FILTER"):  # a few pages, to try the layout
        atlas.setFilterFeatures(True)
        atlas.setFilterExpression(os.environ["QGIS_ATLAS_FILTER"])

    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 300
    result, error = QgsLayoutExporter.exportToPdf(atlas, out, settings)
    if result != QgsLayoutExporter.Success:
        sys.exit(f"{out}: export failed ({result}): {error}")
    app.exitQgis()


if __name__ == "__main__":
    main()
