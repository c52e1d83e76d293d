# Reference values for tests/report/test_feedback_standing.py (the feedback report's
# percentile: where an organisation's climate score stands in its comparison group and
# among all organisations).
#
# Run from the repository root:
#   Rscript tests/report/reference/feedback_percentile.R > tests/report/reference/feedback_percentile.out.txt
#
# Reads feedback_percentile_scores.csv (written by tools/feedback_percentile_data.py: the
# synthetic 2021 wave's climate scores and published comparison groups). For each
# organisation with a score: percentile = 100 * (mean(x < own) + mean(x == own) / 2) over
# the scores x of its group (itself included), and over all organisations; scores are
# rounded to 10 decimals first, so that equal means count as ties. The same value by a
# second route, 100 * (ecdf(x)(own) - mean(x == own) / 2), is checked to agree.

d <- read.csv("tests/report/reference/feedback_percentile_scores.csv",
              colClasses = c("character", "character", "numeric"))
d$score <- round(d$score, 10)
pct <- function(x, own) 100 * (mean(x < own) + mean(x == own) / 2)
pct_ecdf <- function(x, own) 100 * (ecdf(x)(own) - mean(x == own) / 2)
cat("R:", R.version.string, "\n")
cat("org_id group n_group pct_group pct_all\n")
for (i in seq_len(nrow(d))) {
  own <- d$score[i]
  if (is.na(own)) next
  everyone <- d$score[!is.na(d$score)]
  g <- if (d$group[i] == "") numeric(0) else d$score[d$group == d$group[i] & !is.na(d$score)]
  p_all <- pct(everyone, own)
  stopifnot(abs(p_all - pct_ecdf(everyone, own)) < 1e-9)
  p_group <- if (length(g)) pct(g, own) else NA
  if (length(g)) stopifnot(abs(p_group - pct_ecdf(g, own)) < 1e-9)
  cat(d$org_id[i], if (d$group[i] == "") "-" else d$group[i], length(g),
      formatC(p_group, digits = 12, format = "g"), formatC(p_all, digits = 12, format = "g"), "\n")
}
