# Reference values for tests/stats/test_scale.py (climate scale statistics).
#
# Run from the repository root:
#   Rscript tests/stats/reference/scale_reference.R > tests/stats/reference/scale_reference.out.txt
#
# Reads tests/stats/data/scale_items.csv, treats negative codes (-1, -8, -9) as
# missing, keeps complete cases (listwise, as SPSS RELIABILITY does) and prints
# psych::alpha, psych::fa (minres, 1 factor, no rotation), psych::KMO and
# psych::cortest.bartlett to 12 significant digits. The tests pin these numbers as literals,
# so R is not needed at test time.

suppressPackageStartupMessages(library(psych))

fmt <- function(x) formatC(x, digits = 12, format = "g")
show <- function(label, x) {
  if (is.null(names(x))) {
    cat(label, ":", paste(fmt(x), collapse = " "), "\n")
  } else {
    cat(label, ":", paste(names(x), fmt(x), sep = "=", collapse = " "), "\n")
  }
}

cat("R:", R.version.string, "\n")
cat("psych:", as.character(packageVersion("psych")), "\n")
if (requireNamespace("GPArotation", quietly = TRUE)) {
  cat("GPArotation:", as.character(packageVersion("GPArotation")), "\n")
}

raw <- read.csv("tests/stats/data/scale_items.csv")
raw[raw < 1] <- NA
x <- raw[complete.cases(raw), ]
cat("n_complete:", nrow(x), "of", nrow(raw), "\n")

report <- function(title, items) {
  d <- x[, items]
  cat("\n==== ", title, " (", paste(items, collapse = ","), ") ====\n", sep = "")

  a <- psych::alpha(d, check.keys = FALSE, warnings = FALSE)
  show("alpha.raw_alpha", a$total$raw_alpha)
  show("alpha.std.alpha", a$total$std.alpha)
  show("alpha.average_r", a$total$average_r)
  show("alpha.drop.raw_alpha", setNames(a$alpha.drop$raw_alpha, rownames(a$alpha.drop)))
  show("alpha.drop.std.alpha", setNames(a$alpha.drop$std.alpha, rownames(a$alpha.drop)))
  show("item.stats.r.drop", setNames(a$item.stats$r.drop, rownames(a$item.stats)))
  show("item.stats.mean", setNames(a$item.stats$mean, rownames(a$item.stats)))
  show("item.stats.sd", setNames(a$item.stats$sd, rownames(a$item.stats)))

  f <- psych::fa(d, nfactors = 1, fm = "minres", rotate = "none", SMC = TRUE)
  l <- f$loadings[, 1]
  if (sum(l) < 0) l <- -l  # the sign of a one-factor solution is arbitrary
  show("fa.minres.loadings", l)
  show("fa.minres.communality", f$communality)
  show("fa.minres.uniquenesses", f$uniquenesses)
  show("fa.minres.e.values", f$e.values)
  show("fa.minres.SS.loadings", f$Vaccounted["SS loadings", 1])
  show("fa.minres.Proportion.Var", f$Vaccounted["Proportion Var", 1])

  u <- psych::fa(d, nfactors = 1, fm = "uls", rotate = "none", SMC = TRUE)
  lu <- u$loadings[, 1]
  if (sum(lu) < 0) lu <- -lu
  show("fa.uls.loadings", lu)

  k <- psych::KMO(d)
  show("KMO.MSA", k$MSA)
  show("KMO.MSAi", k$MSAi)

  b <- psych::cortest.bartlett(cor(d), n = nrow(d))
  show("bartlett.chisq", b$chisq)
  show("bartlett.df", b$df)
  show("bartlett.p.value", b$p.value)
}

all_items <- paste0("clim_", 1:8)
report("all items", all_items)
report("without clim_8", setdiff(all_items, "clim_8"))
report("without clim_8 and clim_6", setdiff(all_items, c("clim_8", "clim_6")))
report("without clim_8, clim_6 and clim_7", setdiff(all_items, c("clim_8", "clim_6", "clim_7")))

# ---- scale score of the kept items, its distribution and groups ----
kept <- paste0("clim_", 1:5)
answered <- rowSums(!is.na(raw[, kept]))
min_answered <- ceiling(2 * length(kept) / 3)
score <- ifelse(answered >= min_answered, rowMeans(raw[, kept], na.rm = TRUE), NA)
cat("\n==== scale score (", paste(kept, collapse = ","), "; min_answered=", min_answered,
    ") ====\n", sep = "")
show("score.n", sum(!is.na(score)))
show("score.sum", sum(score, na.rm = TRUE))
show("score.skew.type2", psych::skew(score, type = 2))
show("score.kurtosi.type2", psych::kurtosi(score, type = 2))
sw <- shapiro.test(score)
show("shapiro.W", unname(sw$statistic))
show("shapiro.p", sw$p.value)

set.seed(1)
km <- kmeans(score[!is.na(score)], centers = 3, nstart = 50)
ord <- order(km$centers[, 1])
show("kmeans.centers", km$centers[ord, 1])
show("kmeans.size", km$size[ord])
show("kmeans.tot.withinss", km$tot.withinss)

group <- cut(score, c(-Inf, 3.6 - 1e-9, 4.0 + 1e-9, Inf), labels = c("limited", "medium", "strong"))
show("fixed.group.counts", table(group))
for (g in c("all", levels(group))) {
  s <- if (g == "all") score[!is.na(score)] else score[!is.na(group) & group == g]
  b <- boxplot.stats(s, coef = 1.5)
  show(paste0("boxplot.stats[", g, "]"), b$stats)
  show(paste0("boxplot.out[", g, "]"), sort(b$out))
  show(paste0("quantile.type7[", g, "]"), unname(quantile(s, c(.25, .5, .75), type = 7)))
  show(paste0("quantile.type6[", g, "]"), unname(quantile(s, c(.25, .5, .75), type = 6)))
}

# ---- box-plot statistics on two small fixed groups with outliers (test_groups.py) ----
bx <- list(
  a = c(1.0, 3.0, 3.2, 3.3, 3.5, 3.6, 3.7, 3.75, 3.9, 4.1, 5.0),
  b = c(2.2, 3.4, 3.6, 3.8, 3.8, 4.0, 4.2, 4.25, 4.4, 4.6, 4.8, 4.9)
)
cat("\n==== box plots of fixed vectors ====\n")
for (g in names(bx)) {
  s <- bx[[g]]
  b <- boxplot.stats(s, coef = 1.5)
  show(paste0("boxplot.stats[", g, "]"), b$stats)
  show(paste0("boxplot.out[", g, "]"), sort(b$out))
  show(paste0("quantile.type7[", g, "]"), unname(quantile(s, c(.25, .5, .75), type = 7)))
  show(paste0("quantile.type6[", g, "]"), unname(quantile(s, c(.25, .5, .75), type = 6)))
}
