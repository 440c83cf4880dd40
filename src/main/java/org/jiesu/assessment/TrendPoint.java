package org.jiesu.assessment;

import java.time.YearMonth;

/** A rate in one month. */
public record TrendPoint(YearMonth month, Rate rate) {}
