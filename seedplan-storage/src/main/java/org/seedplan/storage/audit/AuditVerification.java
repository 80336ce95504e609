package org.seedplan.storage.audit;

/**
 * The result of walking the audit hash chain.
 *
 * @param rowsChecked   rows read
 * @param firstBrokenSeq sequence number of the first row that does not fit the chain (the row after a deleted one,
 *                       an edited row, or the missing tail), or {@code null} when the chain is intact
 * @param problem       what is wrong with that row, or {@code null}
 */
public record AuditVerification(long rowsChecked, Long firstBrokenSeq, String problem) {

    /** True when every row fits the chain and the chain ends where its head says. */
    public boolean intact() {
        return firstBrokenSeq == null;
    }
}
