package org.jiesu.units;

import org.jspecify.annotations.Nullable;

/** What a request is about. Top-level categories have no parent. */
public record Category(String code, String name, @Nullable String parentCode, LimitClass limitClass) {}
