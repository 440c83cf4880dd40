package org.jiesu.community;

/** What a volunteer activity offers; the page names each through {@code volunteers.kind.*}. */
enum VolunteerKind {
    /** 义诊 */
    FREE_CLINIC,
    /** 体检 */
    HEALTH_CHECK,
    /** 农技指导 */
    FARMING_GUIDANCE,
    OTHER
}
