# make_zph_reference.R -- reference values for CoxZph (cox.zph, transform = "km")
# Run from this folder with the shared reference beside the project:
#   Rscript make_zph_reference.R /work/shared/reference/stats/data/ovarian.csv
# Needs Debian packages r-base-core r-cran-survival r-cran-jsonlite (R 4.2.2, survival 3.5.3).
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
ov <- read.csv(args[1])
ov$agegrp <- relevel(factor(ov$agegrp), ref = "lt50")
block <- function(fml, ties) {
  fit <- coxph(fml, data = ov, ties = ties)
  z <- cox.zph(fit)
  list(formula = deparse(fml), ties = ties,
       table = lapply(seq_len(nrow(z$table)), function(i)
         list(term = rownames(z$table)[i], chisq = unname(z$table[i, "chisq"]),
              df = unname(z$table[i, "df"]), p = unname(z$table[i, "p"]))),
       x = unname(z$x), time = unname(z$time), y = unname(z$y))
}
out <- list(R_version = R.version.string, survival_version = as.character(packageVersion("survival")))
for (ti in c("efron", "breslow")) {
  out[[paste0("age_ecog_rx_", ti)]] <- block(Surv(futime, fustat) ~ age + ecog.ps + rx, ti)
  out[[paste0("months_age_ecog_rx_", ti)]] <- block(Surv(futime_months, fustat) ~ age + ecog.ps + rx, ti)
  out[[paste0("agegrp_rx_", ti)]] <- block(Surv(futime, fustat) ~ agegrp + rx, ti)
  out[[paste0("age_ecog_strata_rx_", ti)]] <- block(Surv(futime, fustat) ~ age + ecog.ps + strata(rx), ti)
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "zph_reference.json")
