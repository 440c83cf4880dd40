package org.jiesu.intake;

/** 咨询 consultation, 求助 help, 投诉 complaint, 举报 report, 建议 suggestion. */
public enum RequestType {
    CONSULTATION,
    HELP,
    COMPLAINT,
    REPORT,
    SUGGESTION
}
