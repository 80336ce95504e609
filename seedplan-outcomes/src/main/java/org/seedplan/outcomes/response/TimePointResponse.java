package org.seedplan.outcomes.response;

import java.time.LocalDate;
import org.seedplan.outcomes.registry.NonTargetStatus;

/**
 * The response of one patient at one imaging visit.
 *
 * @param date        visit date
 * @param day         days since the implant
 * @param sumMm       sum of target diameters at this visit (of the measured targets when some are missing); null without targets
 * @param nadirMm     smallest fully measured sum before this visit, baseline included; null without targets
 * @param target      target-lesion response (CR, PR, SD, PD, NE); null when the patient has no target lesion
 * @param nonTarget   non-target assessment as recorded; null when the patient has no non-target lesion
 * @param newLesion   an unequivocal new lesion was seen
 * @param overall     overall response at this time point (RECIST 1.1 table 1)
 * @param carried     true when {@code overall} is PD only because an earlier visit was PD
 */
public record TimePointResponse(LocalDate date, long day, Double sumMm, Double nadirMm, Response target,
                                NonTargetStatus nonTarget, boolean newLesion, Response overall, boolean carried) {
}
