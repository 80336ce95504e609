# Reference outputs for the analysis-plan templates (PlanAgreesWithRTest), computed with R's survival package.
# Run from this folder:  Rscript plan_reference.R
# Needs r-base-core, r-cran-survival (3.5), r-cran-jsonlite. For each TEMPLATE folder it reads
# TEMPLATE/analysis_dataset.csv (written by seedplan's plan runner on the paper-shaped synthetic cohort; with lesion endpoints
# or "unit": "lesion" also TEMPLATE/lesion_dataset.csv, one row per lesion: those endpoints' KM, log-rank and cumulative
# incidence are per lesion, their Cox models clustered by patient, coxph(..., cluster = patient_id)) and
# ../../../../../../../main/resources/org/seedplan/outcomes/plan/templates/TEMPLATE.json, and writes TEMPLATE/expected.json.
suppressPackageStartupMessages({library(survival); library(jsonlite)})
templates <- c("default", "hcc-pvtt", "thyroid-nodes", "pain-qol", "hyperthermia-combined", "lesion-dosimetry")
plan_dir <- "../../../../../../../main/resources/org/seedplan/outcomes/plan/templates"
na_null <- function(x) if (length(x) == 0 || is.na(x)) NA else unname(x)

km_row <- function(fit, rate_days) {
  tab <- summary(fit)$table
  s <- summary(fit, times = rate_days, extend = TRUE)
  list(n = na_null(tab[["records"]]), events = na_null(tab[["events"]]), median = na_null(tab[["median"]]),
       lower = na_null(tab[["0.95LCL"]]), upper = na_null(tab[["0.95UCL"]]),
       rate = unname(s$surv), rate_lower = unname(s$lower), rate_upper = unname(s$upper))
}

for (tpl in templates) {
  plan <- fromJSON(file.path(plan_dir, paste0(tpl, ".json")), simplifyVector = FALSE)
  d <- read.csv(file.path(tpl, "analysis_dataset.csv"), check.names = FALSE, na.strings = "NA", stringsAsFactors = FALSE,
                encoding = "UTF-8")
  lesion_file <- file.path(tpl, "lesion_dataset.csv")
  dl <- if (file.exists(lesion_file)) read.csv(lesion_file, check.names = FALSE, na.strings = "NA", stringsAsFactors = FALSE,
                                               encoding = "UTF-8") else NULL
  rows_of <- function(e) if (identical(e$unit, "lesion")) dl else d
  rates_months <- if (!is.null(plan$survival$rates_months)) unlist(plan$survival$rates_months) else c(12, 24, 36)
  rate_days <- rates_months * 30.4375
  factors <- list(); for (f in plan$factors) factors[[f$name]] <- f
  out <- list(survival = list(), logrank = list(), followup = list(), cox = list(), incidence = list())
  for (e in plan$endpoints) {
    de <- rows_of(e)
    t <- de[[paste0(e$name, "_days")]]; ev <- de[[paste0(e$name, "_event")]]
    fit <- survfit(Surv(t, ev) ~ 1)
    out$survival[[length(out$survival) + 1]] <- c(list(endpoint = e$name, factor = "",
      level = if (identical(e$unit, "lesion")) "All lesions" else "All patients"), km_row(fit, rate_days))
    if (length(e$competing) > 0) {
      st <- de[[paste0(e$name, "_status")]]
      aj <- summary(survfit(Surv(t, factor(st, levels = 0:2)) ~ 1), times = rate_days, extend = TRUE)
      k1 <- aj$states == "1"; k2 <- aj$states == "2"
      out$incidence[[length(out$incidence) + 1]] <- list(endpoint = e$name, conf_type = aj$conf.type,
        event = unname(aj$pstate[, k1]), event_se = unname(aj$std.err[, k1]), event_lower = unname(aj$lower[, k1]),
        event_upper = unname(aj$upper[, k1]), competing = unname(aj$pstate[, k2]), competing_se = unname(aj$std.err[, k2]),
        competing_lower = unname(aj$lower[, k2]), competing_upper = unname(aj$upper[, k2]))
    }
    rk <- survfit(Surv(t, 1 - ev) ~ 1)
    q <- quantile(rk, c(0.25, 0.5, 0.75))
    out$followup[[length(out$followup) + 1]] <- list(endpoint = e$name, median = na_null(q$quantile[2]), p25 = na_null(q$quantile[1]),
      p75 = na_null(q$quantile[3]), lower = na_null(q$lower[2]), upper = na_null(q$upper[2]))
    for (by in unlist(plan$survival$by)) {
      g <- de[[by]]; ok <- !is.na(g) & !is.na(t)
      for (lv in sort(unique(g[ok]))) {
        sel <- ok & g == lv
        out$survival[[length(out$survival) + 1]] <- c(list(endpoint = e$name, factor = by, level = lv),
                                                    km_row(survfit(Surv(t[sel], ev[sel]) ~ 1), rate_days))
      }
      sd <- survdiff(Surv(t[ok], ev[ok]) ~ g[ok])
      out$logrank[[length(out$logrank) + 1]] <- list(endpoint = e$name, factor = by, chisq = sd$chisq, df = length(sd$n) - 1,
        p = pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE))
    }
  }
  if (!is.null(plan$cox)) {
    eps <- if (length(plan$cox$endpoints) > 0) unlist(plan$cox$endpoints) else sapply(plan$endpoints, function(e) e$name)
    entry <- if (!is.null(plan$cox$entry_p)) plan$cox$entry_p else 0.10
    for (en in eps) {
      e <- Filter(function(x) x$name == en, plan$endpoints)[[1]]
      de <- rows_of(e); lesion <- identical(e$unit, "lesion")
      t <- de[[paste0(en, "_days")]]; ev <- de[[paste0(en, "_event")]]
      prep <- function(name) {
        f <- factors[[name]]; x <- de[[name]]
        if (isTRUE(f$continuous)) return(as.numeric(x))
        x <- factor(x)
        if (!is.null(f$reference)) x <- relevel(x, ref = f$reference)
        x
      }
      entered <- c(); uni <- list()
      for (name in unlist(plan$cox$factors)) {
        dd <- data.frame(t = t, ev = ev, x = prep(name), id = de$patient_id); dd <- dd[complete.cases(dd), ]
        fit <- if (lesion) coxph(Surv(t, ev) ~ x, data = dd, ties = "efron", cluster = id) else coxph(Surv(t, ev) ~ x, data = dd, ties = "efron")
        s <- summary(fit)
        pj <- if (nrow(s$coefficients) > 1) unname(s$waldtest["pvalue"]) else s$coefficients[1, "Pr(>|z|)"]
        if (pj < entry) entered <- c(entered, name)
        uni[[name]] <- list(fit = fit, s = s, pj = pj, n = fit$n, events = fit$nevent)
      }
      multi <- NULL
      if (length(entered) > 0) {
        dd <- data.frame(t = t, ev = ev, id = de$patient_id); for (name in entered) dd[[name]] <- prep(name)
        dd <- dd[complete.cases(dd), ]
        fml <- as.formula(paste("Surv(t, ev) ~", paste0("`", entered, "`", collapse = " + ")))
        multi <- tryCatch(summary(if (lesion) coxph(fml, data = dd, ties = "efron", cluster = id) else coxph(fml, data = dd, ties = "efron")),
                          error = function(err) NULL)
      }
      for (name in names(uni)) {
        u <- uni[[name]]; cf <- u$s$coefficients; ci <- u$s$conf.int
        for (i in seq_len(nrow(cf))) {
          term <- sub("^x", "", rownames(cf)[i])
          row <- list(endpoint = en, factor = name, term = term, n = u$n, events = u$events, hr = ci[i, "exp(coef)"],
                      lower = ci[i, "lower .95"], upper = ci[i, "upper .95"], p = cf[i, "Pr(>|z|)"], factor_p = u$pj)
          if (!is.null(multi) && name %in% entered) {
            mrow <- paste0(if (isTRUE(factors[[name]]$continuous)) name else paste0(name, term))
            mrow <- rownames(multi$coefficients)[gsub("`", "", rownames(multi$coefficients)) == mrow]
            row$multi_hr <- multi$conf.int[mrow, "exp(coef)"]; row$multi_lower <- multi$conf.int[mrow, "lower .95"]
            row$multi_upper <- multi$conf.int[mrow, "upper .95"]; row$multi_p <- multi$coefficients[mrow, "Pr(>|z|)"]
          }
          out$cox[[length(out$cox) + 1]] <- row
        }
      }
    }
  }
  if (!is.null(plan$compare_by)) {
    alpha <- if (!is.null(plan$tests$alpha)) plan$tests$alpha else 0.05
    fisher_below <- if (!is.null(plan$tests$fisher_below_expected)) plan$tests$fisher_below_expected else 5
    db <- if (identical(plan$unit, "lesion")) dl else d
    g <- db[[plan$compare_by]]
    out$baseline_tests <- list()
    for (v in unlist(plan$baseline)) {
      x <- db[[v]]; ok <- !is.na(x) & !is.na(g)
      categorical <- !is.numeric(x) || (!is.null(factors[[v]]) && !isTRUE(factors[[v]]$continuous))
      if (!categorical) {
        groups <- split(x[ok], g[ok])
        normal <- all(sapply(groups, function(z) length(z) >= 3 && length(unique(z)) > 1 && shapiro.test(z)$p.value >= alpha))
        if (length(groups) == 2) {
          r <- if (normal) t.test(groups[[1]], groups[[2]]) else suppressWarnings(wilcox.test(groups[[1]], groups[[2]]))
          test <- if (normal) "Welch t" else "Mann–Whitney"; stat <- unname(r$statistic); p <- r$p.value
        } else {
          r <- if (normal) oneway.test(x[ok] ~ g[ok], var.equal = TRUE) else kruskal.test(x[ok] ~ factor(g[ok]))
          test <- if (normal) "ANOVA" else "Kruskal–Wallis"; stat <- unname(r$statistic); p <- r$p.value
        }
      } else {
        tab <- table(x[ok], g[ok])
        chi <- suppressWarnings(chisq.test(tab, correct = TRUE))
        if (any(chi$expected < fisher_below)) {
          test <- "Fisher exact"; stat <- NA; p <- fisher.test(tab, workspace = 2e7)$p.value
        } else {
          test <- if (all(dim(tab) == 2)) "χ² (Yates)" else "χ²"; stat <- unname(chi$statistic); p <- chi$p.value
        }
      }
      out$baseline_tests[[length(out$baseline_tests) + 1]] <- list(variable = v, test = test, statistic = stat, p = p)
    }
  }
  out$r_version <- R.version.string; out$survival_version <- as.character(packageVersion("survival"))
  writeLines(toJSON(out, auto_unbox = TRUE, digits = 15, na = "null", pretty = TRUE), file.path(tpl, "expected.json"))
  cat(tpl, "done\n")
}
