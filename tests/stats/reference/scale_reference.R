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
