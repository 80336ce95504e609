# make_robust_reference.R -- reference values for CoxRobustVariance (coxph(..., cluster = id): sandwich variance)
# Run from this folder:  Rscript make_robust_reference.R
# Needs Debian packages r-base-core r-cran-survival r-cran-jsonlite (R 4.2.2, survival 3.5.3).
# Writes rats.csv (survival's rats data: 300 rats in 100 litters, tied times; plus a 3-level 'weight' category made
# from the litter number so that a categorical term with a joint test is covered) and robust_reference.json.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
r <- rats
r$weight <- c("light", "medium", "heavy")[(r$litter %% 3) + 1]
write.csv(r[, c("litter", "rx", "time", "status", "sex", "weight")], "rats.csv", row.names = FALSE)
r$weight <- relevel(factor(r$weight), ref = "light")
# summary() prints the Wald test rounded to 2 decimals: recompute it unrounded from the robust variance
wald <- function(b, v) as.numeric(t(b) %*% solve(v) %*% b)
block <- function(fml, ties) {
  fit <- coxph(fml, data = r, ties = ties, cluster = litter)
  s <- summary(fit)
  cf <- s$coefficients
  b <- coef(fit); w <- grepl("^weight", names(b))
  list(formula = deparse(fml), ties = ties, n = fit$n, nevent = fit$nevent,
       terms = rownames(cf), coef = unname(cf[, "coef"]), se = unname(cf[, "se(coef)"]), robust_se = unname(cf[, "robust se"]),
       z = unname(cf[, "z"]), p = unname(cf[, "Pr(>|z|)"]),
       lower = unname(s$conf.int[, "lower .95"]), upper = unname(s$conf.int[, "upper .95"]),
       robust_var = unname(fit$var), wald = wald(b, fit$var), wald_df = length(b),
       wald_p = pchisq(wald(b, fit$var), length(b), lower.tail = FALSE),
       weight_joint = if (any(grepl("^weight", names(b)))) wald(b[w], fit$var[w, w, drop = FALSE]) else NA)
}
out <- list(R_version = R.version.string, survival_version = as.character(packageVersion("survival")))
for (ti in c("efron", "breslow")) {
  out[[paste0("rx_sex_", ti)]] <- block(Surv(time, status) ~ rx + sex, ti)
  out[[paste0("rx_weight_", ti)]] <- block(Surv(time, status) ~ rx + weight, ti)
  out[[paste0("rx_strata_sex_", ti)]] <- block(Surv(time, status) ~ rx + strata(sex), ti)
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "robust_reference.json")
