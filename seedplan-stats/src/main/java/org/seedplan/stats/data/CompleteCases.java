package org.seedplan.stats.data;

import java.util.List;

/**
 * The complete-case subset of a table for a set of columns, with the number of rows dropped because
 * one of those columns was missing (reports say "n rows with missing values were excluded").
 *
 * @param table   the rows without missing values in {@code columns}
 * @param dropped number of rows dropped
 * @param columns the columns that had to be present
 */
public record CompleteCases(DataTable table, int dropped, List<String> columns) {
}
