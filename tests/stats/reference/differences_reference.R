# Reference values for tests/stats/test_differences.py: the design-based (Taylor-linearised)
# difference of two weighted domain shares, R survey's svyby(covmat = TRUE) + svycontrast.
# Independent of barometer. Run from the repository root:
#   Rscript tests/stats/reference/differences_reference.R > tests/stats/reference/differences_reference.out.txt
suppressMessages(library(survey))
cat("R:", R.version.string, "\n")
cat("survey:", as.character(packageVersion("survey")), "\n\n")
f <- function(label, x) cat(sprintf("%-44s %s\n", label, paste(sprintf("%.10f", x), collapse = " ")))

# Two independent routes to the same design-based difference:
# (a) svyby(covmat = TRUE) + svycontrast, as the survey documentation does it. In survey
#     4.1.1 svyby(covmat = TRUE) stops with an error on a postStratify()d design ("number of
#     items to replace is not a multiple of replacement length"), so (a) is run on the
#     plain-weights design (the post-stratified weights as sampling weights, no cells);
# (b) the difference as a smooth function of four totals, svycontrast(svytotal(...),
#     quote(yh/dh - yl/dl)): delta method with the design's own linearisation, which works
#     on the post-stratified design (and gives the same as (a) on the plain design).
diff_report <- function(name, d, y, by, high, low, plain = FALSE) {
  cat("==", name, if (plain) "(plain weights)" else "(postStratify)", "\n")
  v <- d$variables
  inb <- !is.na(v[[y]]) & !is.na(v[[by]]) & v[[by]] != ""
  if (plain) {
    sub <- subset(d, inb)
    b <- svyby(as.formula(paste0("~", y)), as.formula(paste0("~", by)), sub, svymean,
               covmat = TRUE)
    contrast <- setNames(rep(0, nrow(b)), rownames(b))
    contrast[high] <- 1; contrast[low] <- -1
    con <- svycontrast(b, contrast)
    est <- coef(con); se <- SE(con)
    f("svyby shares high low", coef(b)[c(high, low)])
    f("svyby+svycontrast difference", est); f("svyby+svycontrast SE", se)
    f("svyby+svycontrast confint (normal)", confint(con))
    f("svyby+svycontrast p (normal)", 2 * pnorm(-abs(est / se)))
  }
  yy <- ifelse(inb, v[[y]], 0)
  d2 <- update(d, yh = yy * (inb & v[[by]] == high), dh = as.numeric(inb & v[[by]] == high),
               yl = yy * (inb & v[[by]] == low), dl = as.numeric(inb & v[[by]] == low))
  tot <- svytotal(~yh + dh + yl + dl, d2)
  con2 <- svycontrast(tot, quote(yh / dh - yl / dl))
  est <- coef(con2); se <- SE(con2)
  f("totals+svycontrast difference", est); f("totals+svycontrast SE", se)
  f("totals+svycontrast confint (normal)", confint(con2))
  f("totals+svycontrast p (normal)", 2 * pnorm(-abs(est / se)))
}

# 1. The weights test data: design A of weights_reference.R (postStratify sector x size,
#    Waterschappen and Provincies one cell each); quality (NA = not in the base) by sector.
s  <- read.csv("tests/stats/data/weights_sample.csv", stringsAsFactors = FALSE)
fr <- read.csv("tests/stats/data/weights_frame.csv", stringsAsFactors = FALSE)
cellA <- function(sector, size) ifelse(sector %in% c("Waterschappen", "Provincies"), sector,
                                       paste(sector, size, sep = "/"))
s$cellA <- cellA(s$sector, s$size_class)
popA <- aggregate(N ~ cell, data = data.frame(cell = cellA(fr$sector, fr$size_class), N = fr$N), sum)
names(popA) <- c("cellA", "Freq")
dA <- postStratify(svydesign(ids = ~1, data = s, weights = ~1), ~cellA, popA)
for (yv in c("quality", "innovated")) {
  diff_report(paste("A:", yv, "Gemeenten - Rijksoverheid"), dA, yv, "sector", "Gemeenten", "Rijksoverheid")
  s$wA <- weights(dA)
  dC <- svydesign(ids = ~1, data = s, weights = ~wA)
  diff_report(paste("C:", yv, "Gemeenten - Rijksoverheid"), dC, yv, "sector", "Gemeenten", "Rijksoverheid", plain = TRUE)
}

# 2. The demo wave's Figuur 21 (higher quality, innovators, strong - limited climate), with
#    the report's weighting cells: tests/stats/data/fig21_demo.csv (one row per respondent:
#    cell, group, quality) and fig21_demo_cells.csv (frame count per cell).
s2 <- read.csv("tests/stats/data/fig21_demo.csv", stringsAsFactors = FALSE)
pop2 <- read.csv("tests/stats/data/fig21_demo_cells.csv", stringsAsFactors = FALSE)
names(pop2) <- c("cell", "Freq")
d2 <- postStratify(svydesign(ids = ~1, data = s2, weights = ~1), ~cell, pop2)
diff_report("demo Figuur 21: quality, strong - limited", d2, "quality", "group", "strong", "limited")
s2$w <- weights(d2)
diff_report("demo Figuur 21: quality, strong - limited", svydesign(ids = ~1, data = s2, weights = ~w),
            "quality", "group", "strong", "limited", plain = TRUE)
