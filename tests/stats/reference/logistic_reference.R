# Reference values for tests/stats/test_logistic.py, computed with R (independent of
# barometer's Python code). Run from the repository root:
#
#   Rscript tests/stats/reference/logistic_reference.R \
#       > tests/stats/reference/logistic_reference.R.out.txt
#
# Needs: R >= 4.2 (stats: glm, drop1, add1), car (Wald tests of a factor's dummies) and
# performance (Hosmer-Lemeshow by quantile groups; Debian r-cran-performance).
#
# GNU PSPP 1.6.2 has LOGISTIC REGRESSION but no /METHOD=BSTEP (nor FSTEP) and no
# Hosmer-Lemeshow test (/PRINT=GOODFIT is a syntax error), so the stepwise path is
# replayed here with drop1(test = "LRT") for removal and add1(test = "Rao") for entry,
# following the BSTEP algorithm of the SPSS documentation: remove the term with the
# largest LR p while it exceeds POUT; when none can be removed, enter the term with the
# smallest score p if it is below PIN; repeat.

suppressPackageStartupMessages({
  library(car)
  library(performance)
})

cat("R", R.version$major, ".", R.version$minor, " car ", as.character(packageVersion("car")),
    " performance ", as.character(packageVersion("performance")), "\n", sep = "")

f <- function(x) formatC(x, digits = 12, format = "g")
ctl <- glm.control(epsilon = 1e-14, maxit = 100)

report_fit <- function(label, fit) {
  cat("\n==== ", label, " ====\n", sep = "")
  s <- summary(fit)$coefficients
  ci <- exp(confint.default(fit))
  for (i in seq_len(nrow(s))) {
    cat(sprintf("coef %-12s B=%s SE=%s Wald=%s p=%s ExpB=%s lo=%s hi=%s\n",
                rownames(s)[i], f(s[i, 1]), f(s[i, 2]), f(s[i, 3]^2), f(s[i, 4]),
                f(exp(s[i, 1])), f(ci[i, 1]), f(ci[i, 2])))
  }
  n <- nobs(fit)
  ll1 <- as.numeric(logLik(fit))
  yy <- fit$y
  ll0 <- as.numeric(logLik(glm(yy ~ 1, family = binomial)))
  chi <- -2 * ll0 - (-2 * ll1)
  dfm <- length(coef(fit)) - 1
  cs <- 1 - exp(-chi / n)
  cat("n =", n, " events =", sum(fit$y), "\n")
  cat("m2ll =", f(-2 * ll1), " m2ll_null =", f(-2 * ll0), "\n")
  cat("model_chi2 =", f(chi), " df =", dfm, " p =", f(pchisq(chi, dfm, lower.tail = FALSE)), "\n")
  cat("cox_snell =", f(cs), " nagelkerke =", f(cs / (1 - exp(2 * ll0 / n))),
      " mcfadden =", f(1 - ll1 / ll0), "\n")
  pred <- as.integer(fitted(fit) > 0.5)
  tab <- table(factor(fit$y, 0:1), factor(pred, 0:1))
  cat("classification (rows observed 0/1, cols predicted 0/1):", tab[1, 1], tab[1, 2],
      tab[2, 1], tab[2, 2], "\n")
  invisible(fit)
}

wald_terms <- function(fit) {
  a <- car::Anova(fit, type = "III", test.statistic = "Wald")
  for (i in seq_len(nrow(a))) {
    cat(sprintf("wald_term %-12s chisq=%s df=%d p=%s\n", rownames(a)[i], f(a[i, "Chisq"]),
                a[i, "Df"], f(a[i, "Pr(>Chisq)"])))
  }
}

# Hosmer-Lemeshow with the grouping documented in barometer.stats.logistic_fit:
# sort by fitted p, blocks of equal p (12 decimals) are not split, a block goes to
# decile ceiling(10 * first_position / n). Written separately from the Python code.
hl_blocks <- function(y, p, g = 10) {
  o <- order(p)
  ps <- p[o]; ys <- y[o]; n <- length(y)
  key <- round(ps, 12)
  first <- match(key, key)  # first sorted position of each case's block
  grp <- ceiling(g * first / n)
  obs1 <- tapply(ys, grp, sum); exp1 <- tapply(ps, grp, sum); m <- tapply(ys, grp, length)
  chi <- sum((obs1 - exp1)^2 / exp1 + ((m - obs1) - (m - exp1))^2 / (m - exp1))
  k <- length(m)
  cat("hl_blocks chi2 =", f(chi), " df =", k - 2, " p =",
      f(pchisq(chi, k - 2, lower.tail = FALSE)), "\n")
  cat("hl_blocks sizes:", m, "\n")
  cat("hl_blocks observed events:", obs1, "\n")
  cat("hl_blocks expected events:", f(exp1), "\n")
}

# ---------------------------------------------------------------- final model numbers
main <- read.csv("tests/stats/data/logit_main.csv")
main$grp <- relevel(factor(main$grp), ref = "3")  # SPSS INDICATOR: last level is reference
fit <- glm(y ~ x1 + x2 + x3 + grp + noise1 + noise2, family = binomial, data = main,
           control = ctl)
report_fit("main: y ~ x1 + x2 + x3 + grp + noise1 + noise2 (grp ref 3)", fit)
wald_terms(fit)
h <- performance_hosmer(fit, n_bins = 10)
cat("performance_hosmer chi2 =", f(h$chisq), " df =", h$df, " p =", f(h$p.value), "\n")
cat("distinct fitted values:", length(unique(round(fitted(fit), 12))), "\n")
hl_blocks(fit$y, fitted(fit))

# reference level 1 instead of 3
main1 <- main
main1$grp <- relevel(factor(main1$grp, levels = c("1", "2", "3")), ref = "1")
report_fit("main, grp reference level 1", glm(y ~ x1 + grp, family = binomial, data = main1,
                                             control = ctl))

# model with ties in fitted values (only x3 and grp: 6 covariate patterns)
tfit <- glm(y ~ x3 + grp, family = binomial, data = main, control = ctl)
report_fit("ties: y ~ x3 + grp", tfit)
cat("distinct fitted values:", length(unique(round(fitted(tfit), 12))), "\n")
hl_blocks(tfit$y, fitted(tfit))

# ---------------------------------------------------------------- stepwise replay
bstep <- function(data, candidates, pout = 0.10, pin = 0.05) {
  terms <- candidates
  step <- 0
  repeat {
    rhs <- if (length(terms)) paste(terms, collapse = " + ") else "1"
    fit <- glm(as.formula(paste("y ~", rhs)), family = binomial, data = data, control = ctl)
    cat(sprintf("step %d: terms = {%s}  m2ll = %s  n = %d\n", step, paste(terms, collapse = ","),
                f(-2 * as.numeric(logLik(fit))), nobs(fit)))
    action <- NULL
    if (length(terms)) {
      d <- drop1(fit, test = "LRT")[-1, , drop = FALSE]
      for (i in seq_len(nrow(d))) {
        cat(sprintf("  drop1 %-8s LRT=%s df=%d p=%s\n", rownames(d)[i], f(d[i, "LRT"]),
                    d[i, "Df"], f(d[i, "Pr(>Chi)"])))
      }
      w <- which.max(d[, "Pr(>Chi)"])
      if (d[w, "Pr(>Chi)"] > pout) action <- c("remove", rownames(d)[w])
    }
    out <- setdiff(candidates, terms)
    if (length(out)) {
      a <- add1(fit, scope = as.formula(paste("~ . +", paste(out, collapse = " + "))),
                test = "Rao")[-1, , drop = FALSE]
      for (i in seq_len(nrow(a))) {
        cat(sprintf("  add1  %-8s Rao=%s df=%d p=%s\n", rownames(a)[i], f(a[i, "Rao score"]),
                    a[i, "Df"], f(a[i, "Pr(>Chi)"])))
      }
      if (is.null(action)) {
        w <- which.min(a[, "Pr(>Chi)"])
        if (a[w, "Pr(>Chi)"] < pin) action <- c("enter", rownames(a)[w])
      }
    }
    if (is.null(action)) {
      cat("stop\n")
      return(invisible(fit))
    }
    cat(sprintf("  -> %s %s\n", action[1], action[2]))
    terms <- if (action[1] == "remove") setdiff(terms, action[2]) else
      intersect(candidates, c(terms, action[2]))
    step <- step + 1
  }
}

sw <- read.csv("tests/stats/data/logit_stepwise.csv")
sw$grp <- relevel(factor(sw$grp), ref = "3")
cat("\n==== stepwise: candidates x1 x2 x3 grp noise1 noise2 ====\n")
final <- bstep(sw, c("x1", "x2", "x3", "grp", "noise1", "noise2"))
report_fit("stepwise final model", final)

cat("\n==== stepwise with 'sparse' (listwise sample fixed first) ====\n")
cand <- c("x1", "x2", "x3", "grp", "noise1", "noise2", "sparse")
sw_cc <- sw[complete.cases(sw[, c("y", cand)]), ]
final2 <- bstep(sw_cc, cand)
report_fit("stepwise with sparse: final model on the fixed sample", final2)

re <- read.csv("tests/stats/data/logit_reentry.csv")
cat("\n==== re-entry: candidates a b c d ====\n")
final3 <- bstep(re, c("a", "b", "c", "d"))
report_fit("re-entry final model", final3)
