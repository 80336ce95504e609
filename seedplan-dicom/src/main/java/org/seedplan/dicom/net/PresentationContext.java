package org.seedplan.dicom.net;

import java.util.List;

/**
 * One presentation context of an association (PS3.8 §9.3.2.2, §9.3.3.2): its odd identifier, the
 * abstract syntax (a SOP class), the transfer syntaxes proposed (request) or the one accepted
 * (accept), and the acceptor's result.
 */
public record PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes, int result) {

    /** Result: acceptance. */
    public static final int ACCEPTANCE = 0;
    /** Result: user rejection. */
    public static final int USER_REJECTION = 1;
    /** Result: no reason (provider rejection). */
    public static final int NO_REASON = 2;
    /** Result: abstract syntax not supported. */
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    /** Result: none of the transfer syntaxes supported. */
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    /** Copies the list and checks the identifier (odd, 1 to 255). */
    public PresentationContext {
        if (id < 1 || id > 255 || id % 2 == 0) {
            throw new IllegalArgumentException("presentation context id " + id + " must be odd, 1 to 255");
        }
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    /** A proposed context. */
    public static PresentationContext proposed(int id, String abstractSyntax, List<String> transferSyntaxes) {
        return new PresentationContext(id, abstractSyntax, transferSyntaxes, ACCEPTANCE);
    }

    /** True when the acceptor accepted it. */
    public boolean accepted() {
        return result == ACCEPTANCE && transferSyntaxes.size() == 1;
    }

    /** The accepted transfer syntax (the first one listed). */
    public String transferSyntax() {
        return transferSyntaxes.isEmpty() ? null : transferSyntaxes.get(0);
    }

    /** The result in words. */
    public static String describeResult(int result) {
        return switch (result) {
            case ACCEPTANCE -> "accepted";
            case USER_REJECTION -> "rejected by the user";
            case NO_REASON -> "rejected (no reason given)";
            case ABSTRACT_SYNTAX_NOT_SUPPORTED -> "abstract syntax not supported";
            case TRANSFER_SYNTAXES_NOT_SUPPORTED -> "transfer syntaxes not supported";
            default -> "result " + result;
        };
    }
}
