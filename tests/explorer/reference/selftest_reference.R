# Reference values for tests/explorer/test_reference.py (the published snapshot's climate
# score indicator and the self-test's distributions), computed with base R only.
#
# Run from the repository root:
#   Rscript tests/explorer/reference/selftest_reference.R > tests/explorer/reference/selftest_reference.out.txt
#
# Reads tests/stats/data/climate_demo.csv (the demo wave's statements, checked against the
# generator by tests/stats/test_demo_reference.py). Codes below 1 are missing. The scale is
# the demo wave's: the 13 statements e03-e15 (e01 and e02 are left out by the selection
# rule), a score for at least ceiling(2/3 * 13) = 9 answered. Prints the mean score with its
# 95% t-interval (t.test), the quantiles 5, 10, ..., 95 (quantile type 7), per statement the
# base, % answering 1-5 and the mean, and per statement the mean of the organisations with a
# strong climate (score > 4.0).

d <- read.csv("tests/stats/data/climate_demo.csv")
names_all <- names(d)[1:15]
x <- d[, names_all]
x[x < 1] <- NA
kept <- names_all[3:15]
answered <- rowSums(!is.na(x[, kept]))
score <- ifelse(answered >= ceiling(2 * length(kept) / 3), rowMeans(x[, kept], na.rm = TRUE), NA)
s <- score[!is.na(score)]
fmt <- function(v) formatC(v, digits = 12, format = "g")
cat("R:", R.version.string, "\n")
cat("n_scored:", length(s), "\n")
tt <- t.test(s)
cat("mean:", fmt(mean(s)), "\n")
cat("ci:", fmt(tt$conf.int[1]), fmt(tt$conf.int[2]), "\n")
cat("quantiles:", paste(fmt(quantile(s, probs = seq(0.05, 0.95, 0.05), type = 7)), collapse = " "), "\n")
strong <- !is.na(score) & round(score, 9) > 4.0
cat("n_strong:", sum(strong), "\n")
for (name in names_all) {
  v <- x[[name]]
  a <- v[!is.na(v)]
  pct <- sapply(1:5, function(k) 100 * sum(a == k) / length(a))
  cat("statement:", name, "base", length(a), "pct", paste(fmt(pct), collapse = " "),
      "mean", fmt(mean(a)), "strong_mean", fmt(mean(v[strong], na.rm = TRUE)),
      "strong_base", sum(!is.na(v[strong])), "\n")
}
