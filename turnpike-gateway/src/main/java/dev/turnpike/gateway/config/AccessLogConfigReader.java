package dev.turnpike.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code access_log:} into an {@link AccessLogConfig}. */
final class AccessLogConfigReader {

    static final List<String> KEYS = List.of("enabled", "sample", "file");

    private AccessLogConfigReader() {}

    static AccessLogConfig read(Section top) {
        Section o = top.sub("access_log", KEYS);
        Boolean enabled = o.bool("enabled", true);
        Double sample = o.opt("sample", 1.0, "a share from 0 to 1 (e.g. 0.1)", AccessLogConfigReader::share);
        Path file = o.opt("file", null, "a file path", o::pathOf);
        if (enabled == null || sample == null || (file == null && o.has("file"))) {
            return null;
        }
        if (enabled && sample == 0) {
            o.warnAtValue("sample", "0 logs no request: say enabled: false to turn the access log off");
        }
        return new AccessLogConfig(enabled, sample, Optional.ofNullable(file));
    }

    private static Double share(String s) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number from 0 to 1, was " + Problems.quote(s));
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("must be from 0 to 1, was " + Problems.quote(s));
        }
        return d;
    }
}
