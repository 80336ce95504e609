# make_cif_reference.R -- reference values for CumulativeIncidence (Aalen-Johansen with standard errors and CIs)
# Run from this folder:  Rscript make_cif_reference.R
# Needs Debian packages r-base-core r-cran-survival r-cran-jsonlite (R 4.2.2, survival 3.5.3).
# Writes mgus2_cif.csv (survival's mgus2 data: time to plasma-cell malignancy, death competing) and cif_reference.json.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
m <- mgus2
etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
status <- ifelse(m$pstat == 0, 2 * m$death, 1)
write.csv(data.frame(time = etime, status = status), "mgus2_cif.csv", row.names = FALSE)
small_t <- c(5, 8, 8, 10, 12, 12, 15, 20, 20, 22, 30, 31, 35, 40, 41)
small_s <- c(1, 2, 0, 1, 1, 2, 0, 1, 0, 2, 1, 0, 1, 2, 0)
block <- function(t, s, times) {
  fit <- survfit(Surv(t, factor(s, levels = 0:2)) ~ 1)
  x <- summary(fit, times = times, extend = TRUE)
  col <- function(a, k) unname(a[, x$states == k])
  list(conf_type = fit$conf.type, times = times,
       cif1 = col(x$pstate, "1"), se1 = col(x$std.err, "1"), lower1 = col(x$lower, "1"), upper1 = col(x$upper, "1"),
       cif2 = col(x$pstate, "2"), se2 = col(x$std.err, "2"), lower2 = col(x$lower, "2"), upper2 = col(x$upper, "2"))
}
out <- list(R_version = R.version.string, survival_version = as.character(packageVersion("survival")),
            small = list(time = small_t, status = small_s, fit = block(small_t, small_s, c(4, 5, 8, 10, 20, 36, 50))),
            mgus2 = block(etime, status, c(12, 60, 120, 240, 360)))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "string"), "cif_reference.json")
