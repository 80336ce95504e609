package org.seedplan.storage.plan;

import java.time.Instant;

/**
 * One stored revision of a plan.
 *
 * @param id               database id
 * @param planId           the plan
 * @param revision         revision number (1, 2, …)
 * @param status           status
 * @param content          what the revision says
 * @param createdBy        user who made it, or {@code null}
 * @param createdAt        when it was made
 * @param approvedBy       user who approved it, or {@code null}
 * @param approvedByName   the approver's printed name, as signed
 * @param approvedAt       time of the e-signature
 * @param signatureMeaning what the signature means (e.g. "approved for treatment")
 * @param checksum         SHA-256 of the content when it was stored
 * @param version          optimistic-locking version
 */
public record PlanRevision(long id, long planId, int revision, PlanStatus status, PlanContent content, Long createdBy,
                           Instant createdAt, Long approvedBy, String approvedByName, Instant approvedAt, String signatureMeaning,
                           String checksum, long version) {

    /** True when the stored content still has the checksum it was stored with. */
    public boolean intact() {
        return content.checksum().equals(checksum);
    }
}
