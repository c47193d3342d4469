package dev.turnpike.cli;

import java.io.PrintWriter;
import java.util.List;

/** Rows printed in columns padded to their widest cell, for people; the last column is not padded. */
final class Table {

    private Table() {}

    static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line);
        }
    }
}
