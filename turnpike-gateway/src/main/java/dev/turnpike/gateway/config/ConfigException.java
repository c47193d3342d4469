package dev.turnpike.gateway.config;

import java.util.List;

/**
 * A configuration that cannot be used: every problem found, in file order. The message is the problems, one per
 * line, each as {@code file:line:column: key.path: what is wrong}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(message(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, sorted by line and column. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder();
        if (problems.size() > 1) {
            sb.append(problems.size()).append(" problems in ").append(problems.get(0).source()).append(":\n");
        }
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(problems.get(i));
        }
        return sb.toString();
    }
}
