# Reference values for tests/stats/test_weights.py and test_proportions.py.
# Independent of barometer: R's survey package and base stats.
# Run from the repository root:
#   Rscript tests/stats/reference/weights_reference.R > tests/stats/reference/weights_reference.out.txt
suppressMessages(library(survey))
cat("R:", R.version.string, "\n")
cat("survey:", as.character(packageVersion("survey")), "\n\n")
f <- function(label, x) cat(sprintf("%-40s %s\n", label, paste(sprintf("%.10f", x), collapse = " ")))

s  <- read.csv("tests/stats/data/weights_sample.csv", stringsAsFactors = FALSE)
fr <- read.csv("tests/stats/data/weights_frame.csv", stringsAsFactors = FALSE)

report <- function(name, d) {
  cat("==", name, "\n")
  w <- weights(d)
  f("sum w", sum(w))
  f("kish effective n", sum(w)^2 / sum(w^2))
  f("deff = n / n_eff", length(w) / (sum(w)^2 / sum(w^2)))
  m <- svymean(~innovated, d)
  f("innovated mean", coef(m)); f("innovated SE", SE(m)); f("innovated confint", confint(m))
  f("innovated svyciprop logit", attr(svyciprop(~innovated, d, method = "logit"), "ci"))
  m <- svymean(~quality, d, na.rm = TRUE)
  f("quality mean (na.rm)", coef(m)); f("quality SE", SE(m)); f("quality confint", confint(m))
  sub <- subset(d, !is.na(quality))
  f("quality base sum w", sum(weights(sub)))
  f("quality svyciprop logit (subset)", attr(svyciprop(~quality, sub, method = "logit"), "ci"))
  f("quality degf(subset)", degf(sub))
}

# A: post-strata sector x size_class; collapsed by the documented rule:
#    Waterschappen/klein (0 respondents) -> Waterschappen/groot,
#    Provincies/groot (3 respondents)    -> Provincies/klein.
cellA <- function(sector, size) ifelse(sector %in% c("Waterschappen", "Provincies"), sector,
                                       paste(sector, size, sep = "/"))
s$cellA <- cellA(s$sector, s$size_class)
popA <- aggregate(N ~ cell, data = data.frame(cell = cellA(fr$sector, fr$size_class), N = fr$N), sum)
names(popA) <- c("cellA", "Freq")
dA <- postStratify(svydesign(ids = ~1, data = s, weights = ~1), ~cellA, popA)
report("A: postStratify sector x size_class", dA)
wa <- aggregate(w ~ cellA, data.frame(cellA = s$cellA, w = weights(dA)), function(v) v[1])
for (i in seq_len(nrow(wa))) f(paste("weight", wa$cellA[i]), wa$w[i])

# B: post-strata sector, with Provincies and Waterschappen recoded to Overig.
rec <- function(x) ifelse(x %in% c("Provincies", "Waterschappen"), "Overig", x)
s$cellB <- rec(s$sector)
popB <- aggregate(N ~ cellB, data.frame(cellB = rec(fr$sector), N = fr$N), sum)
names(popB) <- c("cellB", "Freq")
dB <- postStratify(svydesign(ids = ~1, data = s, weights = ~1), ~cellB, popB)
report("B: postStratify sector (Overig)", dB)

# C: the weights of A as plain sampling weights (no post-stratification).
s$wA <- weights(dA)
dC <- svydesign(ids = ~1, data = s, weights = ~wA)
report("C: plain weights, no postStratify", dC)

cat("== unweighted Wilson: prop.test(correct=FALSE)\n")
x <- sum(s$innovated); n <- nrow(s)
f("innovated x n", c(x, n)); f("innovated conf.int", prop.test(x, n, correct = FALSE)$conf.int)
q <- s$quality[!is.na(s$quality)]
f("quality x n", c(sum(q), length(q)))
f("quality conf.int", prop.test(sum(q), length(q), correct = FALSE)$conf.int)
f("3 of 4 conf.int", prop.test(3, 4, correct = FALSE)$conf.int)

cat("== two proportions: prop.test(c(313, 1817), c(366, 2271), correct=FALSE)\n")
t2 <- prop.test(c(313, 1817), c(366, 2271), correct = FALSE)
f("X-squared", t2$statistic); f("p.value", t2$p.value); f("conf.int", t2$conf.int)
cat("== Newcombe hybrid score (method 10) from prop.test Wilson limits: 56/70 vs 48/80\n")
w1 <- prop.test(56, 70, correct = FALSE)$conf.int; w2 <- prop.test(48, 80, correct = FALSE)$conf.int
p1 <- 56 / 70; p2 <- 48 / 80
f("newcombe", c(p1 - p2 - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2),
                p1 - p2 + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)))

cat("== chisq.test(correct=FALSE)\n")
chi <- function(name, tab) {
  r <- suppressWarnings(chisq.test(tab, correct = FALSE))
  f(paste(name, "X-squared df p"), c(r$statistic, r$parameter, r$p.value))
  f(paste(name, "Cramer V"), sqrt(r$statistic / (sum(tab) * (min(dim(tab)) - 1))))
  f(paste(name, "expected"), as.vector(t(r$expected)))
  f(paste(name, "share expected < 5"), mean(r$expected < 5))
}
chi("2x2", matrix(c(20, 10, 10, 20), 2, byrow = TRUE))
tab <- table(factor(s$sector, levels = c("Gemeenten", "Rijksoverheid", "Waterschappen", "Provincies")),
             s$innovated)
print(tab)
chi("sector x innovated", tab)
