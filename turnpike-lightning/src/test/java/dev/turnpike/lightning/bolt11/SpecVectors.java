package dev.turnpike.lightning.bolt11;

import java.util.List;

/**
 * The examples of BOLT #11 (lightning/bolts, 11-payment-encoding.md at commit 27af3bd1, sections "Examples"
 * and "Examples of Invalid Invoices"), copied verbatim.
 */
final class SpecVectors {

    static final String PRIVATE_KEY = "e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734";
    static final String PAYEE = "03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad";
    static final String SECRET = "1111111111111111111111111111111111111111111111111111111111111111";
    static final String HASH = "0001020304050607080900010203040506070809000102030405060708090102";
    static final long TIMESTAMP = 1496314658L;
    static final String CAKE_HASH = "3925b6f67e2c340036ed12093dd44e0368df1b6ea26c53dbe4811f58fd5db8c1";

    /** A valid example and what decoding it must give; null means "the field is absent". */
    record Valid(String title, String invoice, Network network, Long amountMsat, long timestamp, String paymentHash,
            String description, String descriptionHash, long expiry, long minFinalCltv, List<Fallback> fallbacks,
            List<List<Hop>> routes, int[] features, String metadata, String signatureHex, Integer recoveryId,
            int unknownFieldCount) {}

    record Fallback(int version, String programHex) {}

    record Hop(String nodeId, long shortChannelId, long feeBase, long feeProportional, int cltvDelta) {}

    static long scid(long block, long tx, long output) {
        return (block << 40) | (tx << 16) | output;
    }

    static final String COFFEE_BEANS = "lnbc25m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5vdhkven9v5sxyetpdeessp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9q5sqqqqqqqqqqqqqqqqsgq2a25dxl5hrntdtn6zvydt7d66hyzsyhqs4wdynavys42xgl6sgx9c4g7me86a27t07mdtfry458rtjr0v92cnmswpsjscgt2vcse3sgpz3uapa";

    static final List<Valid> VALID = List.of(
            new Valid("donation of any amount",
                    "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql",
                    Network.BITCOIN, null, TIMESTAMP, HASH, "Please consider supporting this project", null, 3600, 18,
                    List.of(), List.of(), new int[] {8, 14}, null,
                    "8d3ce9e28357337f62da0162d9454df827f83cfe499aeb1c1db349d4d81127425e434ca29929406c23bba1ae8ac6ca32880b38d4bf6ff874024cac34ba9625f1",
                    1, 0),
            new Valid("$3 for a cup of coffee within one minute",
                    "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh",
                    Network.BITCOIN, 250_000_000L, TIMESTAMP, HASH, "1 cup coffee", null, 60, 18,
                    List.of(), List.of(), new int[] {8, 14}, null,
                    "e59e3ffbd3945e4334879158d31e89b076dff54f3fa7979ae79df2db9dcaf5896cbfe1a478b8d2307e92c88139464cb7e6ef26e414c4abe33337961ddc5e8ab1",
                    1, 0),
            new Valid("0.0025 BTC for a cup of nonsense",
                    "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpu9qrsgqhtjpauu9ur7fw2thcl4y9vfvh4m9wlfyz2gem29g5ghe2aak2pm3ps8fdhtceqsaagty2vph7utlgj48u0ged6a337aewvraedendscp573dxr",
                    Network.BITCOIN, 250_000_000L, TIMESTAMP, HASH, "ナンセンス 1杯", null, 60, 18,
                    List.of(), List.of(), new int[] {8, 14}, null,
                    "bae41ef385e0fc972977c7ea42b12cbd76577d2412919da8a8a22f9577b6507710c0e96dd78c821dea16453037f717f44aa7e3d196ebb18fbb97307dcb7336c3",
                    1, 0),
            new Valid("$24 for an entire list of things (hashed)",
                    "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqs9qrsgq7ea976txfraylvgzuxs8kgcw23ezlrszfnh8r6qtfpr6cxga50aj6txm9rxrydzd06dfeawfk6swupvz4erwnyutnjq7x39ymw6j38gp7ynn44",
                    Network.BITCOIN, 2_000_000_000L, TIMESTAMP, HASH, null, CAKE_HASH, 3600, 18,
                    List.of(), List.of(), new int[] {8, 14}, null,
                    "f67a5f696648fa4fb102e1a07b230e54722f8e024cee71e80b4847ac191da3fb2d2cdb28cc32344d7e9a9cf5c9b6a0ee0582ae46e9938b9c81e344a4dbb5289d",
                    1, 0),
            new Valid("testnet with P2PKH fallback",
                    "lntb20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygshp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqfpp3x9et2e20v6pu37c5d9vax37wxq72un989qrsgqdj545axuxtnfemtpwkc45hx9d2ft7x04mt8q7y6t0k2dge9e7h8kpy9p34ytyslj3yu569aalz2xdk8xkd7ltxqld94u8h2esmsmacgpghe9k8",
                    Network.TESTNET, 2_000_000_000L, TIMESTAMP, HASH, null, CAKE_HASH, 3600, 18,
                    List.of(new Fallback(17, "3172b5654f6683c8fb146959d347ce303cae4ca7")), List.of(), new int[] {8, 14}, null,
                    "6ca95a74dc32e69ced6175b15a5cc56a92bf19f5dace0f134b7d94d464b9f5cf6090a18d48b243f289394d17bdf89466d8e6b37df5981f696bc3dd5986e1bee1",
                    1, 0),
            new Valid("mainnet with P2PKH fallback and route hints",
                    "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqsfpp3qjmp7lwpagxun9pygexvgpjdc4jdj85fr9yq20q82gphp2nflc7jtzrcazrra7wwgzxqc8u7754cdlpfrmccae92qgzqvzq2ps8pqqqqqqpqqqqq9qqqvpeuqafqxu92d8lr6fvg0r5gv0heeeqgcrqlnm6jhphu9y00rrhy4grqszsvpcgpy9qqqqqqgqqqqq7qqzq9qrsgqdfjcdk6w3ak5pca9hwfwfh63zrrz06wwfya0ydlzpgzxkn5xagsqz7x9j4jwe7yj7vaf2k9lqsdk45kts2fd0fkr28am0u4w95tt2nsq76cqw0",
                    Network.BITCOIN, 2_000_000_000L, TIMESTAMP, HASH, null, CAKE_HASH, 3600, 18,
                    List.of(new Fallback(17, "04b61f7dc1ea0dc99424464cc4064dc564d91e89")),
                    List.of(List.of(
                            new Hop("029e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255", scid(66051, 263430, 1800), 1, 20, 3),
                            new Hop("039e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255", scid(197637, 395016, 2314), 2, 30, 4))),
                    new int[] {8, 14}, null,
                    "6a6586db4e8f6d40e3a5bb92e4df5110c627e9ce493af237e20a046b4e86ea200178c59564ecf892f33a9558bf041b6ad2cb8292d7a6c351fbb7f2ae2d16b54e",
                    0, 0),
            new Valid("mainnet with P2SH fallback",
                    "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygshp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqfppj3a24vwu6r8ejrss3axul8rxldph2q7z99qrsgqz6qsgww34xlatfj6e3sngrwfy3ytkt29d2qttr8qz2mnedfqysuqypgqex4haa2h8fx3wnypranf3pdwyluftwe680jjcfp438u82xqphf75ym",
                    Network.BITCOIN, 2_000_000_000L, TIMESTAMP, HASH, null, CAKE_HASH, 3600, 18,
                    List.of(new Fallback(18, "8f55563b9a19f321c211e9b9f38cdf686ea07845")), List.of(), new int[] {8, 14}, null,
                    "16810439d1a9bfd5a65acc61340dc92448bb2d456a80b58ce012b73cb5202438020500c9ab7ef5573a4d174c811f669885ae27f895bb3a3be52c243589f87518",
                    1, 0),
            new Valid("mainnet with P2WPKH fallback",
                    "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygshp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqfppqw508d6qejxtdg4y5r3zarvary0c5xw7k9qrsgqt29a0wturnys2hhxpner2e3plp6jyj8qx7548zr2z7ptgjjc7hljm98xhjym0dg52sdrvqamxdezkmqg4gdrvwwnf0kv2jdfnl4xatsqmrnsse",
                    Network.BITCOIN, 2_000_000_000L, TIMESTAMP, HASH, null, CAKE_HASH, 3600, 18,
                    List.of(new Fallback(0, "751e76e8199196d454941c45d1b3a323f1433bd6")), List.of(), new int[] {8, 14}, null,
                    "5a8bd7b97c1cc9055ee60cf2356621f8752248e037a953886a1782b44a58f5ff2d94e6bc89b7b514541a3603bb33722b6c08aa1a3639d34becc549a99fea6eae",
                    0, 0),
            new Valid("mainnet with P2WSH fallback",
                    "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygshp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqfp4qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q9qrsgq9vlvyj8cqvq6ggvpwd53jncp9nwc47xlrsnenq2zp70fq83qlgesn4u3uyf4tesfkkwwfg3qs54qe426hp3tz7z6sweqdjg05axsrjqp9yrrwc",
                    Network.BITCOIN, 2_000_000_000L, TIMESTAMP, HASH, null, CAKE_HASH, 3600, 18,
                    List.of(new Fallback(0, "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262")), List.of(),
                    new int[] {8, 14}, null,
                    "2b3ec248f80301a421817369194f012cdd8af8df1c279981420f9e901e20fa3309d791e11355e609b59ce4a220852a0cd55ab862b1785a83b206c90fa74d01c8",
                    1, 0),
            new Valid("0.00967878534 BTC in pico-BTC within one week",
                    "lnbc9678785340p1pwmna7lpp5gc3xfm08u9qy06djf8dfflhugl6p7lgza6dsjxq454gxhj9t7a0sd8dgfkx7cmtwd68yetpd5s9xar0wfjn5gpc8qhrsdfq24f5ggrxdaezqsnvda3kkum5wfjkzmfqf3jkgem9wgsyuctwdus9xgrcyqcjcgpzgfskx6eqf9hzqnteypzxz7fzypfhg6trddjhygrcyqezcgpzfysywmm5ypxxjemgw3hxjmn8yptk7untd9hxwg3q2d6xjcmtv4ezq7pqxgsxzmnyyqcjqmt0wfjjq6t5v4khxsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygsxqyjw5qcqp2rzjq0gxwkzc8w6323m55m4jyxcjwmy7stt9hwkwe2qxmy8zpsgg7jcuwz87fcqqeuqqqyqqqqlgqqqqn3qq9q9qrsgqrvgkpnmps664wgkp43l22qsgdw4ve24aca4nymnxddlnp8vh9v2sdxlu5ywdxefsfvm0fq3sesf08uf6q9a2ke0hc9j6z6wlxg5z5kqpu2v9wz",
                    Network.BITCOIN, 967_878_534L, 1572468703L, "462264ede7e14047e9b249da94fefc47f41f7d02ee9b091815a5506bc8abf75f",
                    "Blockstream Store: 88.85 USD for Blockstream Ledger Nano S x 1, \"Back In My Day\" Sticker x 2, \"I Got Lightning Working\" Sticker x 2 and 1 more items",
                    null, 604800, 10, List.of(),
                    List.of(List.of(new Hop("03d06758583bb5154774a6eb221b1276c9e82d65bbaceca806d90e20c108f4b1c7", scid(589390, 3312, 1), 1000, 2500, 40))),
                    new int[] {8, 14}, null, null, null, 0),
            new Valid("$30 for coffee beans, features 8, 14 and 99",
                    COFFEE_BEANS,
                    Network.BITCOIN, 2_500_000_000L, TIMESTAMP, HASH, "coffee beans", null, 3600, 18,
                    List.of(), List.of(), new int[] {8, 14, 99}, null, null, null, 0),
            new Valid("same, all upper case",
                    "LNBC25M1PVJLUEZPP5QQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQQQSYQCYQ5RQWZQFQYPQDQ5VDHKVEN9V5SXYETPDEESSP5ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYGS9Q5SQQQQQQQQQQQQQQQQSGQ2A25DXL5HRNTDTN6ZVYDT7D66HYZSYHQS4WDYNAVYS42XGL6SGX9C4G7ME86A27T07MDTFRY458RTJR0V92CNMSWPSJSCGT2VCSE3SGPZ3UAPA",
                    Network.BITCOIN, 2_500_000_000L, TIMESTAMP, HASH, "coffee beans", null, 3600, 18,
                    List.of(), List.of(), new int[] {8, 14, 99}, null, null, null, 0),
            new Valid("same, with fields which must be ignored",
                    "lnbc25m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5vdhkven9v5sxyetpdeessp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9q5sqqqqqqqqqqqqqqqqsgq2qrqqqfppnqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqppnqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqpp4qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqhpnqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqhp4qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqspnqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsp4qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnp5qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnpkqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqz599y53s3ujmcfjp5xrdap68qxymkqphwsexhmhr8wdz5usdzkzrse33chw6dlp3jhuhge9ley7j2ayx36kawe7kmgg8sv5ugdyusdcqzn8z9x",
                    Network.BITCOIN, 2_500_000_000L, TIMESTAMP, HASH, "coffee beans", null, 3600, 18,
                    List.of(), List.of(), new int[] {8, 14, 99}, null, null, null, 1),
            new Valid("0.01 BTC with payment metadata 0x01fafaf0",
                    "lnbc10m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdp9wpshjmt9de6zqmt9w3skgct5vysxjmnnd9jx2mq8q8a04uqsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9q2gqqqqqqsgq7hf8he7ecf7n4ffphs6awl9t6676rrclv9ckg3d3ncn7fct63p6s365duk5wrk202cfy3aj5xnnp5gs3vrdvruverwwq7yzhkf5a3xqpd05wjc",
                    Network.BITCOIN, 1_000_000_000L, TIMESTAMP, HASH, "payment metadata inside", null, 3600, 18,
                    List.of(), List.of(), new int[] {8, 14, 48}, "01fafaf0", null, null, 0));

    /** An invalid example and the reason the spec gives for it. */
    record Invalid(String title, String invoice, Bolt11Exception.Reason reason,
            dev.turnpike.lightning.bech32.Bech32Exception.Reason bech32Reason) {}

    static final List<Invalid> INVALID = List.of(
            new Invalid("invalid unknown feature 100",
                    "lnbc25m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5vdhkven9v5sxyetpdeessp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9q4psqqqqqqqqqqqqqqqqsgqtqyx5vggfcsll4wu246hz02kp85x4katwsk9639we5n5yngc3yhqkm35jnjw4len8vrnqnf5ejh0mzj9n3vz2px97evektfm2l6wqccp3y7372",
                    Bolt11Exception.Reason.UNKNOWN_REQUIRED_FEATURE, null),
            new Invalid("bech32 checksum is invalid",
                    "lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpuyk0sg5g70me25alkluzd2x62aysf2pyy8edtjeevuv4p2d5p76r4zkmneet7uvyakky2zr4cusd45tftc9c5fh0nnqpnl2jfll544esqchsrnt",
                    Bolt11Exception.Reason.INVALID_BECH32, dev.turnpike.lightning.bech32.Bech32Exception.Reason.INVALID_CHECKSUM),
            new Invalid("malformed bech32 string (no 1)",
                    "pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpuyk0sg5g70me25alkluzd2x62aysf2pyy8edtjeevuv4p2d5p76r4zkmneet7uvyakky2zr4cusd45tftc9c5fh0nnqpnl2jfll544esqchsrny",
                    Bolt11Exception.Reason.INVALID_BECH32, dev.turnpike.lightning.bech32.Bech32Exception.Reason.NO_SEPARATOR),
            new Invalid("malformed bech32 string (mixed case)",
                    "LNBC2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpquwpc4curk03c9wlrswe78q4eyqc7d8d0xqzpuyk0sg5g70me25alkluzd2x62aysf2pyy8edtjeevuv4p2d5p76r4zkmneet7uvyakky2zr4cusd45tftc9c5fh0nnqpnl2jfll544esqchsrny",
                    Bolt11Exception.Reason.INVALID_BECH32, dev.turnpike.lightning.bech32.Bech32Exception.Reason.MIXED_CASE),
            new Invalid("signature is not recoverable",
                    "lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpusp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9qrsgqwgt7mcn5yqw3yx0w94pswkpq6j9uh6xfqqqtsk4tnarugeektd4hg5975x9am52rz4qskukxdmjemg92vvqz8nvmsye63r5ykel43pgz7zq0g2",
                    Bolt11Exception.Reason.SIGNATURE_NOT_RECOVERABLE, null),
            new Invalid("string is too short",
                    "lnbc1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6na6hlh",
                    Bolt11Exception.Reason.TOO_SHORT, null),
            new Invalid("invalid multiplier",
                    "lnbc2500x1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpusp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9qrsgqrrzc4cvfue4zp3hggxp47ag7xnrlr8vgcmkjxk3j5jqethnumgkpqp23z9jclu3v0a7e0aruz366e9wqdykw6dxhdzcjjhldxq0w6wgqcnu43j",
                    Bolt11Exception.Reason.INVALID_MULTIPLIER, null),
            new Invalid("invalid sub-millisatoshi precision",
                    "lnbc2500000001p1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpusp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9qrsgq0lzc236j96a95uv0m3umg28gclm5lqxtqqwk32uuk4k6673k6n5kfvx3d2h8s295fad45fdhmusm8sjudfhlf6dcsxmfvkeywmjdkxcp99202x",
                    Bolt11Exception.Reason.SUB_MILLISATOSHI_AMOUNT, null));

    private SpecVectors() {}
}
