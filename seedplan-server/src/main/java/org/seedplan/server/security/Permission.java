package org.seedplan.server.security;

/**
 * What a route needs. {@link #PUBLIC} and {@link #SIGNED_IN} need no role; every other permission is
 * granted per centre by the roles in {@code permissions.csv}.
 */
public enum Permission {
    /** Anyone, signed in or not (sign-in, the OpenAPI document). */
    PUBLIC,
    /** Any signed-in user, whatever their roles (own session, own centres, own password). */
    SIGNED_IN,
    /** Read patients, lesions, studies, plans, implants and visits of the centre. */
    READ_REGISTRY,
    /** Create and change patients, lesions, visits, implants; upload studies. */
    EDIT_REGISTRY,
    /** Create draft plan revisions. */
    EDIT_PLAN,
    /** Approve a plan revision for treatment (e-signature with re-authentication). */
    APPROVE_PLAN,
    /** Export an approved plan for treatment (DICOM RT Plan, printout). */
    EXPORT_PLAN,
    /** Export the centre's registry de-identified. */
    EXPORT_DEIDENTIFIED,
    /** Read the audit trail of the centre. */
    READ_AUDIT,
    /** Create users, grant and revoke roles in the centre. */
    MANAGE_USERS,
    /** Keep the centre's list of known DICOM peers (scanners, PACS: AE title, host, port, what they may do). */
    MANAGE_DICOM_PEERS,
    /** Define the centre's research studies and their study variables (the forms' extra fields). */
    DEFINE_STUDY
}
