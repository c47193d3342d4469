package dev.turnpike.cli;

import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.RouteHint;
import dev.turnpike.lightning.bolt11.TaggedField;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "bolt11",
        mixinStandardHelpOptions = true,
        description = "Lightning invoices (BOLT #11).",
        subcommands = {Bolt11Command.Decode.class})
final class Bolt11Command {

    private static final HexFormat HEX = HexFormat.of();

    @Command(
            name = "decode",
            mixinStandardHelpOptions = true,
            description = "Decodes an invoice, verifies its signature and prints it as JSON.")
    static final class Decode extends PrintingCommand {

        @Parameters(paramLabel = "INVOICE", description = "A BOLT11 invoice (ln…); a lightning: prefix is allowed.")
        String invoice;

        @Override
        public Integer call() throws Bolt11Exception {
            String text = invoice.strip();
            if (text.regionMatches(true, 0, "lightning:", 0, 10)) {
                text = text.substring(10);
            }
            out().println(Json.pretty(describe(Bolt11Invoice.decode(text))));
            return 0;
        }
    }

    /** The invoice as an ordered map, for JSON output (also used by the demo). */
    static Map<String, Object> describe(Bolt11Invoice inv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", inv.network().name().toLowerCase(java.util.Locale.ROOT));
        m.put("amount_msat", inv.amountMsat().isPresent() ? inv.amountMsat().getAsLong() : null);
        m.put("timestamp", inv.timestamp().toString());
        m.put("expiry_seconds", inv.expirySeconds());
        m.put("expires_at", inv.expiresAt().toString());
        m.put("payee", inv.payee().toHex());
        m.put("payee_field_present", inv.hasPayeeField());
        m.put("payment_hash", HEX.formatHex(inv.paymentHash().bytes()));
        m.put("payment_secret", inv.paymentSecret() == null ? null : HEX.formatHex(inv.paymentSecret()));
        m.put("description", inv.description().orElse(null));
        m.put("description_hash", inv.descriptionHash().map(HEX::formatHex).orElse(null));
        m.put("min_final_cltv_expiry", inv.minFinalCltvExpiry());
        m.put("features", inv.features().setBits());
        m.put("route_hints", inv.routeHints().stream().map(Bolt11Command::hops).toList());
        m.put("fallback_addresses", inv.fallbackAddresses().stream()
                .map(f -> Map.of("version", f.version(), "program", HEX.formatHex(f.program())))
                .toList());
        m.put("metadata", inv.metadata().map(HEX::formatHex).orElse(null));
        m.put("unknown_fields", inv.unknownFields().stream().map(Bolt11Command::field).toList());
        m.put("signature", HEX.formatHex(inv.signature().compact()));
        m.put("recovery_id", inv.signature().recoveryId());
        return m;
    }

    private static List<Map<String, Object>> hops(RouteHint hint) {
        return hint.hops().stream().map(h -> {
            Map<String, Object> hop = new LinkedHashMap<>();
            hop.put("node_id", h.nodeId().toHex());
            hop.put("short_channel_id", Long.toUnsignedString(h.shortChannelId()));
            hop.put("fee_base_msat", h.feeBaseMsat());
            hop.put("fee_proportional_millionths", h.feeProportionalMillionths());
            hop.put("cltv_expiry_delta", h.cltvExpiryDelta());
            return hop;
        }).toList();
    }

    private static Map<String, Object> field(TaggedField f) {
        return Map.of("tag", String.valueOf(f.tag()), "type", f.type(), "words", f.length());
    }
}
