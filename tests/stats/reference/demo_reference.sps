* Reference values for tests/stats/test_demo_reference.py from GNU PSPP, on the demo
* wave's climate statements (tests/stats/data/climate_demo.csv, written by
* tools/export_reference_data.py). Run from the repository root:
*   pspp tests/stats/reference/demo_reference.sps -O format=txt
*        -o tests/stats/reference/demo_reference.sps.out.txt
* The text output rounds; the cell values (6 significant digits) were read from the .spv:
*   pspp tests/stats/reference/demo_reference.sps -o /tmp/ref.spv
*   python tools/pspp_cells.py /tmp/ref.spv > tests/stats/reference/demo_reference.sps.cells.out.txt
* Issue 9: point 7 (alpha of the 13 kept statements on their own complete cases),
* point 2 (the k-means centres are the means of the reported groups) and point 3
* (Figuur 18: "don't know" whether the organisation innovated is a missing value,
* left out of the chi-square's base).

SET DECIMAL=DOT.
GET DATA /TYPE=TXT /FILE='tests/stats/data/climate_demo.csv' /ARRANGEMENT=DELIMITED
  /DELIMITERS="," /FIRSTCASE=2
  /VARIABLES=e01 F1.0 e02 F1.0 e03 F1.0 e04 F1.0 e05 F1.0 e06 F1.0 e07 F1.0 e08 F1.0
   e09 F1.0 e10 F1.0 e11 F1.0 e12 F1.0 e13 F1.0 e14 F1.0 e15 F1.0 score F12.10
   kmeans F1.0 group2021 F1.0 freq F2.0.

TITLE 'point 7: alpha of the 13 kept statements (e03-e15), listwise on those 13'.
RELIABILITY /VARIABLES=e03 e04 e05 e06 e07 e08 e09 e10 e11 e12 e13 e14 e15
  /SCALE('climate') ALL /MODEL=ALPHA /SUMMARY=TOTAL.

TITLE 'point 7: the same on the organisations answering all 15 statements'.
TEMPORARY.
SELECT IF NMISS(e01 TO e15) = 0.
RELIABILITY /VARIABLES=e03 e04 e05 e06 e07 e08 e09 e10 e11 e12 e13 e14 e15
  /SCALE('climate') ALL /MODEL=ALPHA.

TITLE 'point 2: climate score by k-means group as reported (1 limited, 2 medium, 3 strong)'.
MEANS TABLES=score BY kmeans /CELLS=MEAN COUNT MIN MAX.

TITLE 'point 3: Figuur 18, 2021 climate group by number of innovations, -8 missing'.
MISSING VALUES freq (-8).
CROSSTABS /TABLES=group2021 BY freq /STATISTICS=CHISQ.
