-- Supporting units (协办) by function: the catalogue names who helps the lead unit with a matter.
alter table catalogue_entry add column support_functions text[] not null default '{}';
update catalogue_entry set support_functions = '{market}' where category_code = 'URBAN_HOUSING';
update catalogue_entry set support_functions = '{health}' where category_code = 'HEALTH_FOOD';
update catalogue_entry set support_functions = '{market}' where category_code = 'TRADE_TOURISM';
