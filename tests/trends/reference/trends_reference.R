# Reference values for tests/trends/test_trends_stats.py: the change in the share that
# innovated between the synthetic demo waves 2021 and 2025. Independent of barometer: reads
# tests/trends/data/demo_innovated.csv (one row per respondent: wave, org_id, weighting cell,
# innovated 0/1) and demo_cells.csv (population N per cell and wave, each wave's own frame).
# Run from the repository root:
#   Rscript tests/trends/reference/trends_reference.R > tests/trends/reference/trends_reference.out.txt
suppressMessages(library(survey))
cat("R:", R.version.string, "\n")
cat("survey:", as.character(packageVersion("survey")), "\n\n")
f <- function(label, x) cat(sprintf("%-44s %s\n", label, paste(sprintf("%.12g", x), collapse = " ")))
d <- read.csv("tests/trends/data/demo_innovated.csv", colClasses = c(wave = "character", org_id = "character"))
cells <- read.csv("tests/trends/data/demo_cells.csv", colClasses = c(wave = "character"))
a <- d[d$wave == "2021", ]; b <- d[d$wave == "2025", ]

cat("== unweighted cross-section (prop.test, no continuity correction)\n")
pt <- prop.test(c(sum(b$innovated), sum(a$innovated)), c(nrow(b), nrow(a)), correct = FALSE)
f("counts 2021 2025", c(sum(a$innovated), sum(b$innovated)))
f("n 2021 2025", c(nrow(a), nrow(b)))
f("difference 2025-2021", unname(pt$estimate[1] - pt$estimate[2]))
f("X-squared", unname(pt$statistic))
f("p", pt$p.value)
f("conf.int", pt$conf.int)

cat("== weighted cross-section (postStratify, each wave to its own frame)\n")
share <- function(w, label) {
  pop <- cells[cells$wave == label, c("cell", "N")]
  names(pop) <- c("cell", "Freq")
  des <- postStratify(svydesign(ids = ~1, data = w, weights = ~1), ~cell, pop)
  m <- svymean(~innovated, des)
  ci <- svyciprop(~innovated, des, method = "logit")
  f(paste("svymean", label), coef(m)); f(paste("SE", label), SE(m))
  f(paste("svyciprop logit", label), attr(ci, "ci"))
  c(coef(m), SE(m))
}
sa <- share(a, "2021"); sb <- share(b, "2025")
diff <- sb[1] - sa[1]; se <- sqrt(sa[2]^2 + sb[2]^2)
f("difference 2025-2021", diff); f("SE (independent samples)", se)
f("z", diff / se); f("p (normal)", 2 * pnorm(-abs(diff / se)))
f("conf.int (normal)", diff + c(-1, 1) * qnorm(0.975) * se)

cat("== panel (same org_id in both waves)\n")
p <- merge(a, b, by = "org_id", suffixes = c(".2021", ".2025"))
tab <- table(factor(p$innovated.2021, levels = c(1, 0)), factor(p$innovated.2025, levels = c(1, 0)))
f("pairs", nrow(p))
f("both yes, only 2021, only 2025, neither", c(tab[1, 1], tab[1, 2], tab[2, 1], tab[2, 2]))
mt <- mcnemar.test(tab)  # correct = TRUE (default)
f("mcnemar.test X-squared (corrected)", unname(mt$statistic)); f("mcnemar.test p (corrected)", mt$p.value)
mt0 <- mcnemar.test(tab, correct = FALSE)
f("mcnemar.test X-squared (uncorrected)", unname(mt0$statistic))
bt <- binom.test(tab[1, 2], tab[1, 2] + tab[2, 1], 0.5)
f("binom.test p (exact)", bt$p.value)
