# make_edge_reference.R -- edge cases for the Cox concordance and fit (ties in time and in risk score)
# Writes edge.csv (the data) and edge_reference.json.   Rscript make_edge_reference.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
d <- data.frame(
  time  = c(2, 2, 2, 3, 3, 5, 5, 5, 8, 8, 9, 12, 12, 12, 15),
  event = c(1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1,  1,  0,  0),
  grp   = c(1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1,  0,  0,  1),
  dose  = c(1, 2, 2, 1, 3, 2, 2, 1, 3, 3, 1, 2,  2,  1,  3))
write.csv(d, "edge.csv", row.names = FALSE)
out <- list()
for (ti in c("efron", "breslow")) {
  fit <- coxph(Surv(time, event) ~ grp + dose, data = d, ties = ti)
  k <- fit$concordance
  out[[ti]] <- list(coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))),
                    loglik = unname(fit$loglik), score = unname(fit$score),
                    concordant = unname(k["concordant"]), discordant = unname(k["discordant"]),
                    tied_risk = unname(k["tied.x"]), tied_time = unname(k["tied.y"]),
                    tied_both = unname(k["tied.xy"]), c_index = unname(k["concordance"]),
                    se_c = unname(k["std"]))
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "edge_reference.json")
