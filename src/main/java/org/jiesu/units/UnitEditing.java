package org.jiesu.units;

import java.util.List;
import org.jiesu.audit.AuditLog;
import org.jiesu.units.CatalogueEntry.HandlerKind;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator's changes to the unit tree, the categories and the dispatch catalogue. The pages check the input
 * field by field first; every change here is written to the audit log and makes the directory read the tree again.
 */
@Service
class UnitEditing {

    /** Why a change was refused, as a message key of the admin bundle. */
    static final class Refused extends RuntimeException {
        final String field;
        final String key;

        Refused(String field, String key) {
            super(key);
            this.field = field;
            this.key = key;
        }
    }

    private final JdbcClient jdbc;
    private final UnitDirectory directory;
    private final AuditLog audit;

    UnitEditing(JdbcClient jdbc, UnitDirectory directory, AuditLog audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
    }

    @Transactional
    long addUnit(NewUnit unit, String actor) {
        if (directory.findByCode(unit.code().strip()).isPresent()) {
            throw new Refused("code", "admin.units.error.codeTaken");
        }
        long id = directory.add(unit);
        audit.record(
                actor,
                "UNIT_ADDED",
                "unit:" + id,
                unit.name().strip() + " (" + unit.code().strip() + ")");
        return id;
    }

    @Transactional
    void rename(long id, String name, String actor) {
        Unit before = directory.unit(id);
        jdbc.sql("update unit set name = ? where id = ?")
                .params(name.strip(), id)
                .update();
        directory.reload();
        audit.record(actor, "UNIT_RENAMED", "unit:" + id, before.name() + " → " + name.strip());
    }

    /** Removes a unit nothing refers to: no child units, users, orders, requests or catalogue lines. */
    @Transactional
    void remove(long id, String actor) {
        Unit unit = directory.unit(id);
        if (!directory.children(id).isEmpty()) {
            throw new Refused("unit", "admin.units.error.hasChildren");
        }
        try {
            jdbc.sql("delete from unit where id = ?").param(id).update();
        } catch (DataIntegrityViolationException e) {
            // Orders, users, requests and catalogue lines keep a unit by foreign key: it stays.
            throw new Refused("unit", "admin.units.error.inUse");
        }
        directory.reload();
        audit.record(actor, "UNIT_REMOVED", "unit:" + id, unit.name() + " (" + unit.code() + ")");
    }

    @Transactional
    void saveCategory(boolean create, Category category, String actor) {
        if (create) {
            if (directory.findCategory(category.code()).isPresent()) {
                throw new Refused("code", "admin.categories.error.codeTaken");
            }
            jdbc.sql("""
                            insert into category (code, name, parent_code, limit_class, sort_order)
                            values (?, ?, ?, ?, coalesce((select max(sort_order) + 1 from category), 1))""")
                    .params(
                            category.code(),
                            category.name(),
                            category.parentCode(),
                            category.limitClass().name())
                    .update();
        } else {
            jdbc.sql("update category set name = ?, parent_code = ?, limit_class = ? where code = ?")
                    .params(
                            category.name(),
                            category.parentCode(),
                            category.limitClass().name(),
                            category.code())
                    .update();
        }
        directory.reload();
        audit.record(
                actor,
                create ? "CATEGORY_ADDED" : "CATEGORY_CHANGED",
                "category:" + category.code(),
                category.name() + ", " + category.limitClass());
    }

    /** Adds a catalogue line when {@code id} is null, else replaces the line with that id. */
    @Transactional
    long saveEntry(
            @Nullable Long id,
            String categoryCode,
            @Nullable Long scopeUnitId,
            HandlerKind kind,
            UnitKind.@Nullable Level level,
            @Nullable String function,
            @Nullable Long handlerUnitId,
            List<String> supportFunctions,
            String actor) {
        Long taken = jdbc.sql("""
                        select id from catalogue_entry
                        where category_code = ? and scope_unit_id is not distinct from ?""")
                .params(categoryCode, scopeUnitId)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (taken != null && !taken.equals(id)) {
            throw new Refused("categoryCode", "admin.catalogue.error.duplicate");
        }
        String[] supports = supportFunctions.toArray(String[]::new);
        long saved;
        if (id == null) {
            saved = jdbc.sql("""
                            insert into catalogue_entry (category_code, scope_unit_id, handler_kind, handler_level,
                                                         handler_function, handler_unit_id, support_functions)
                            values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            categoryCode,
                            scopeUnitId,
                            kind.name(),
                            level == null ? null : level.name(),
                            function,
                            handlerUnitId,
                            supports)
                    .query(Long.class)
                    .single();
        } else {
            jdbc.sql("""
                            update catalogue_entry set category_code = ?, scope_unit_id = ?, handler_kind = ?,
                                   handler_level = ?, handler_function = ?, handler_unit_id = ?, support_functions = ?
                            where id = ?""")
                    .params(
                            categoryCode,
                            scopeUnitId,
                            kind.name(),
                            level == null ? null : level.name(),
                            function,
                            handlerUnitId,
                            supports,
                            id)
                    .update();
            saved = id;
        }
        directory.reload();
        audit.record(
                actor,
                id == null ? "CATALOGUE_ADDED" : "CATALOGUE_CHANGED",
                "catalogue:" + saved,
                categoryCode + " → " + kind + (level == null ? "" : " " + level)
                        + (function == null ? "" : " " + function));
        return saved;
    }
}
