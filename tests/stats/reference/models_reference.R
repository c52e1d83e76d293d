# Reference values for tests/stats/test_models_rest_score.py (issue 9, point 4): the
# employee-satisfaction model of the demo wave with the climate *rest score* (the scale
# without e06_time, which enters the model itself as 'enough time'), and what happens with
# the full score. Independent of barometer: base R glm; the scores are made here from the
# raw statements (mean of the answered ones, at least two-thirds of them answered).
# Data: tests/stats/data/models_demo.csv (tools/export_reference_data.py). Run from the
# repository root:
#   Rscript tests/stats/reference/models_reference.R > tests/stats/reference/models_reference.out.txt
cat("R:", R.version.string, "\n\n")
f <- function(label, x) cat(sprintf("%-40s %s\n", label, paste(sprintf("%.10f", x), collapse = " ")))
d <- read.csv("tests/stats/data/models_demo.csv")
kept <- grep("^e[0-9][0-9]_", names(d), value = TRUE)
score <- function(items) {
  answered <- rowSums(!is.na(d[items]))
  ifelse(answered >= ceiling(2 * length(items) / 3), rowMeans(d[items], na.rm = TRUE), NA)
}
d$rest <- score(setdiff(kept, "e06_time"))
d$full <- score(kept)
predictors <- setdiff(names(d), c("outcome", kept, "rest", "full"))
show <- function(name, formula) {
  cat("==", name, "\n")
  m <- glm(formula, data = d, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
  s <- coef(summary(m))
  for (r in rownames(s)) f(r, s[r, c(1, 2, 4)])
  f("n", nobs(m)); f("-2LL", -2 * as.numeric(logLik(m)))
}
show("final terms, rest score", as.formula(paste("outcome ~", paste(c(predictors, "rest"), collapse = " + "))))
show("final terms, full score (e06 inside the score)", as.formula(paste("outcome ~", paste(c(predictors, "full"), collapse = " + "))))
show("time_enough alone", outcome ~ time_enough)
f("cor(e06_time, full score)", cor(d$e06_time, d$full, use = "complete.obs"))
