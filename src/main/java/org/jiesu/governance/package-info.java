/**
 * Proactive governance (主动治理): finds the matters many residents keep raising and runs the monthly themes (每月一题)
 * that tackle them. {@link org.jiesu.governance.HotIssueIndex} clusters requests by text, place and time and ranks the
 * clusters by {@link org.jiesu.governance.Heat}; it needs no database, so the {@code hot-issues} command and the
 * benchmark use it as the running platform does. Listens to received requests; see docs/hot-issues.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Governance")
package org.jiesu.governance;
