package org.seedplan.cli.outcomes;

import java.util.concurrent.Callable;
import org.seedplan.outcomes.plan.PlanReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code seedplan cohort plan [TEMPLATE]}: lists the shipped analysis-plan templates, or prints one as JSON to start a plan from. */
@Command(name = "plan", mixinStandardHelpOptions = true, header = "List the analysis-plan templates or print one as JSON.",
        description = {"Without TEMPLATE: the shipped templates with their titles. With it: the template's JSON, to save and",
            "edit as your own plan (format: docs/analysis-plans.md) and run with 'cohort report --plan FILE'."})
public final class CohortPlanCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "TEMPLATE", description = "template name")
    String template;

    @Override
    public Integer call() {
        if (template == null) {
            for (String name : PlanReader.TEMPLATE_NAMES) {
                System.out.println(String.format("%-22s %s", name, PlanReader.template(name).title()));
            }
            return 0;
        }
        System.out.print(PlanReader.templateText(template));
        return 0;
    }
}
