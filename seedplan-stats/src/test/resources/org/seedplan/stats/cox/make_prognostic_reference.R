# make_prognostic_reference.R -- reference for PrognosticTable: the multivariable model that the
# univariable screen (Wald p < 0.10) selects on survival::ovarian: age and resid.ds.
#   Rscript make_prognostic_reference.R /work/shared/reference/stats/data/ovarian.csv
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
ov <- read.csv(commandArgs(trailingOnly = TRUE)[1])
fit <- coxph(Surv(futime, fustat) ~ age + resid.ds, data = ov)
s <- summary(fit)
out <- list(age_resid = list(terms = rownames(s$coefficients), coef = unname(coef(fit)),
                             se = unname(sqrt(diag(fit$var))), p = unname(s$coefficients[, "Pr(>|z|)"])))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "prognostic_reference.json")
