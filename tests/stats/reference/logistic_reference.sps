* Reference values for tests/stats/test_logistic.py from GNU PSPP (1.6.2).
* Run from the repository root:
*   pspp tests/stats/reference/logistic_reference.sps -O format=txt
*        -o tests/stats/reference/logistic_reference.sps.out.txt
* The text output rounds to 2-3 decimals. The .spv output keeps the values; they were
* read with 6 significant digits into logistic_reference.sps.cells.out.txt by:
*   pspp tests/stats/reference/logistic_reference.sps -o /tmp/ref.spv
*   pspp-output dump-light-table /tmp/ref.spv
* keeping, for the tables "Model Summary", "Classification Table" and "Variables in
* the Equation", each cell's "index:" and "x:" (value), sorted by index. A table's
* cells are numbered row + (number of rows) * column.
* PSPP 1.6.2 LOGISTIC REGRESSION has no /METHOD (no BSTEP) and no Hosmer-Lemeshow test,
* so only single models are fitted here; the stepwise path is checked with R.

SET DECIMAL=DOT.

* ---------------------------------------------------------------- main data.
GET DATA /TYPE=TXT /FILE='tests/stats/data/logit_main.csv' /ARRANGEMENT=DELIMITED
  /DELIMITERS="," /FIRSTCASE=2
  /VARIABLES=y F1.0 x1 F8.3 x2 F8.3 x3 F1.0 grp F1.0 noise1 F8.3 noise2 F8.3.

TITLE 'main: y ~ x1 x2 x3 grp noise1 noise2, grp indicator, last level reference'.
LOGISTIC REGRESSION y WITH x1 x2 x3 grp noise1 noise2
  /CATEGORICAL=grp
  /CRITERIA=BCON(1e-10) ITERATE(100) CUT(0.5)
  /PRINT=CI(95) SUMMARY.

TITLE 'ties: y ~ x3 grp'.
LOGISTIC REGRESSION y WITH x3 grp
  /CATEGORICAL=grp
  /CRITERIA=BCON(1e-10) ITERATE(100) CUT(0.5)
  /PRINT=CI(95) SUMMARY.

* ---------------------------------------------------------------- stepwise data.
GET DATA /TYPE=TXT /FILE='tests/stats/data/logit_stepwise.csv' /ARRANGEMENT=DELIMITED
  /DELIMITERS="," /FIRSTCASE=2
  /VARIABLES=y F1.0 x1 F8.3 x2 F8.3 x3 F1.0 grp F1.0 noise1 F8.3 noise2 F8.3 sparse F8.3.

TITLE 'stepwise, final model chosen by BSTEP(LR): y ~ x1 x2'.
LOGISTIC REGRESSION y WITH x1 x2
  /CRITERIA=BCON(1e-10) ITERATE(100) CUT(0.5)
  /PRINT=CI(95) SUMMARY.

TITLE 'stepwise with sparse, final model y ~ x1 x2 on cases complete on all candidates'.
SELECT IF NOT MISSING(sparse).
LOGISTIC REGRESSION y WITH x1 x2
  /CRITERIA=BCON(1e-10) ITERATE(100) CUT(0.5)
  /PRINT=CI(95) SUMMARY.
