package dev.turnpike.store;

import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.FreebieLedger;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Freebie counts in the {@code freebie_counts} table. */
public final class JdbcFreebieLedger implements FreebieLedger {

    private final DataSource dataSource;
    private final String upsert;

    public JdbcFreebieLedger(Database database) {
        this.dataSource = database.dataSource();
        // writes may arrive out of order: the larger count wins
        this.upsert = "INSERT INTO freebie_counts (service, network, used) VALUES (?, ?, ?)"
                + " ON CONFLICT (service, network) DO UPDATE SET used = "
                + database.dialect().greatest("freebie_counts.used", "excluded.used");
    }

    @Override
    public Map<String, Integer> used(String service) throws StoreException {
        Map<String, Integer> out = new HashMap<>();
        Sql.query(dataSource, "freebie counts could not be read",
                "SELECT network, used FROM freebie_counts WHERE service = ?",
                s -> s.setString(1, service), r -> out.put(r.getString(1), r.getInt(2)));
        return out;
    }

    @Override
    public void use(String service, String network, int used) throws StoreException {
        Sql.update(dataSource, "the freebie count could not be recorded", upsert,
                s -> {
                    s.setString(1, service);
                    s.setString(2, network);
                    s.setInt(3, used);
                });
    }
}
