package dev.turnpike.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help text wrapped at spaces only. picocli breaks lines where Java's line breaker allows, inside URLs and paths too
 * ({@code ~/.} / {@code turnpike/tokens}); here a URL or a path is never cut, and an example command (a footer line
 * {@code   turnpike …}) is printed whole, to be copied as it is.
 */
final class HelpLayout implements IHelpFactory {

    private static final String EXAMPLE = "  turnpike ";

    @Override
    public Help create(CommandSpec spec, ColorScheme scheme) {
        return new Help(spec, scheme) {
            @Override
            public Layout createDefaultLayout() {
                Layout layout = super.createDefaultLayout();
                return new Layout(colorScheme(), new SpaceWrappedTable(colorScheme(), layout.textTable().columns()),
                        layout.optionRenderer(), layout.parameterRenderer());
            }

            @Override
            public String description(Object... params) {
                return paragraphs(spec.usageMessage().description(), spec.usageMessage().width(), params);
            }

            @Override
            public String footer(Object... params) {
                return paragraphs(spec.usageMessage().footer(), spec.usageMessage().width(), params);
            }
        };
    }

    /** Each line formatted, wrapped to {@code width} at spaces; example commands whole. */
    private static String paragraphs(String[] lines, int width, Object... params) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String text = String.format(line, params);
            for (String l : text.split("\n", -1)) {
                out.append(l.startsWith(EXAMPLE) ? l : String.join("\n", wrap(l, width - 1, width - 1))).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code text} in lines broken at spaces: the first at most {@code first} long, the others {@code rest}. */
    static List<String> wrap(String text, int first, int rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            int room = lines.isEmpty() ? first : rest;
            if (!line.isEmpty() && line.length() + 1 + word.length() > room) {
                lines.add(line.toString());
                line.setLength(0);
            } else if (!line.isEmpty() || lines.isEmpty() && text.startsWith(" ")) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The option table, its cells wrapped at spaces, on as many rows as it takes. */
    private static final class SpaceWrappedTable extends TextTable {

        private final ColorScheme scheme;

        SpaceWrappedTable(ColorScheme scheme, Column[] columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            String plain = value.plainString();
            Column column = columns()[col];
            if (column.overflow != Column.Overflow.WRAP || !plain.equals(value.toString()) || plain.indexOf('\n') >= 0) {
                return super.putValue(row, col, value); // styled or laid out already: as picocli does it
            }
            int width = column.width - column.indent - 1;
            List<String> lines = wrap(plain, width, width - indentWrappedLines);
            boolean fits = lines.get(0).length() <= width
                    && lines.stream().skip(1).allMatch(l -> l.length() <= width - indentWrappedLines);
            if (!fits) {
                return super.putValue(row, col, value); // a word wider than the column: only picocli can cut it
            }
            int r = row;
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0 && ++r == rowCount()) {
                    addEmptyRow();
                }
                String line = lines.get(i);
                scheme.ansi().new Text(line, scheme).getStyledChars(0, line.length(), textAt(r, col),
                        column.indent + (i == 0 ? 0 : indentWrappedLines));
            }
            return new Cell(col, r);
        }
    }
}
