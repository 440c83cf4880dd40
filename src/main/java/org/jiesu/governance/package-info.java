/**
 * Proactive governance (主动治理): finds the matters many residents keep raising and runs the monthly themes (每月一题)
 * that tackle them. {@link org.jiesu.governance.HotIssueIndex} clusters requests by text, place and time and ranks the
 * clusters by {@link org.jiesu.governance.Heat}; it needs no database, so the {@code hot-issues} command and the
 * benchmark use it as the running platform does. {@link org.jiesu.governance.HotIssues} listens to received requests
 * and records their clusters; {@link org.jiesu.governance.Themes} runs themes with tasks and measures their effect.
 * Reads units and the current actor; publishes nothing. See ADR 12, docs/hot-issues.md and docs/monthly-themes.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Governance")
package org.jiesu.governance;
