package io.sentinelrisk.features.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Small files in the seed data sources' real schemas, written by the tests. */
final class SeedFiles {
    private SeedFiles() {
    }

    /** Kaggle credit-card fraud layout: Time,V1..V28,Amount,Class (Class quoted, as in the original). */
    static Path creditcard(Path dir, int rows) throws IOException {
        Random rnd = new Random(1);
        StringBuilder sb = new StringBuilder("\"Time\"");
        for (int i = 1; i <= 28; i++) {
            sb.append(",\"V").append(i).append('"');
        }
        sb.append(",\"Amount\",\"Class\"\n");
        double t = 0;
        for (int r = 0; r < rows; r++) {
            sb.append(String.format(Locale.ROOT, "%.1f", t));
            for (int i = 1; i <= 28; i++) {
                sb.append(String.format(Locale.ROOT, ",%.6f", rnd.nextGaussian()));
            }
            sb.append(String.format(Locale.ROOT, ",%.2f,\"%d\"%n", Math.exp(rnd.nextGaussian() + 3), r % 7 == 3 ? 1 : 0));
            t += rnd.nextInt(3);
        }
        return Files.writeString(dir.resolve("creditcard.csv"), sb.toString());
    }

    /** A CERT r4.2/r6.2-style directory: logon, device (r6 with file_tree), file (r6), http (r4.2, no header), email (r4.2). */
    static Path cert(Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("cert"));
        Files.writeString(d.resolve("logon.csv"), """
                id,date,user,pc,activity
                {L1},01/02/2010 06:55:16,LRR0148,PC-4275,Logon
                {L2},01/02/2010 07:02:33,MOH0273,PC-6699,Logon
                {L3},01/02/2010 17:40:12,LRR0148,PC-4275,Logoff
                """);
        Files.writeString(d.resolve("device.csv"), """
                id,date,user,pc,file_tree,activity
                {D1},01/02/2010 07:21:06,MOH0273,PC-6699,R:\\;R:\\docs,Connect
                {D2},01/02/2010 07:37:41,MOH0273,PC-6699,,Disconnect
                """);
        Files.writeString(d.resolve("file.csv"), """
                id,date,user,pc,filename,activity,to_removable_media,from_removable_media,content
                {F1},01/02/2010 07:23:14,MOH0273,PC-6699,R:\\docs\\plan.doc,File Write,True,False,"confidential plan, v2"
                """);
        Files.writeString(d.resolve("http.csv"), """
                {H1},01/02/2010 06:57:01,LRR0148,PC-4275,http://example.com/jobs,job search content
                {H2},01/02/2010 06:58:09,LRR0148,PC-4275,http://wikileaks.org,leak
                """);
        Files.writeString(d.resolve("email.csv"), """
                id,date,user,pc,to,cc,bcc,from,size,attachments,content
                {E1},01/02/2010 07:11:45,LRR0148,PC-4275,a@dtaa.com;b@dtaa.com,,,LRR0148@dtaa.com,24000,1,hello
                """);
        return d;
    }

    /** IEEE-CIS: train/test transaction and identity files (test identity spells id-01). */
    static Path ieee(Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("ieee"));
        Files.writeString(d.resolve("train_transaction.csv"), """
                TransactionID,isFraud,TransactionDT,TransactionAmt,ProductCD,card1,card2,card3,card4,card5,card6,addr1,addr2,dist1,P_emaildomain,R_emaildomain,C1,D1,M1,V1
                2987000,0,86400,68.5,W,13926,,150.0,discover,142.0,credit,315.0,87.0,19.0,,,1.0,14.0,T,1.0
                2987001,0,86401,29.0,W,2755,404.0,150.0,mastercard,102.0,credit,325.0,87.0,,gmail.com,,1.0,0.0,,
                2987002,1,86469,59.0,W,4663,490.0,150.0,visa,166.0,debit,330.0,87.0,287.0,outlook.com,,1.0,0.0,T,1.0
                """);
        Files.writeString(d.resolve("train_identity.csv"), """
                TransactionID,id_01,id_02,id_12,DeviceType,DeviceInfo
                2987001,0.0,70787.0,NotFound,mobile,SAMSUNG SM-G892A Build/NRD90M
                """);
        Files.writeString(d.resolve("test_transaction.csv"), """
                TransactionID,TransactionDT,TransactionAmt,ProductCD,card1,card2,card3,card4,card5,card6,addr1,addr2,dist1,P_emaildomain,R_emaildomain,C1,D1,M1,V1
                3663549,18403224,31.95,W,10409,111.0,150.0,visa,226.0,debit,170.0,87.0,1.0,gmail.com,,6.0,419.0,T,1.0
                """);
        Files.writeString(d.resolve("test_identity.csv"), """
                TransactionID,id-01,id-02,id-12,DeviceType,DeviceInfo
                3663549,-45.0,280290.0,NotFound,desktop,Windows
                """);
        return d;
    }

    /** A NAB-like tree: data/<category>/<series>.csv and labels/combined_windows.json. */
    static Path nab(Path dir) throws IOException {
        Path root = dir.resolve("nab");
        Path a = Files.createDirectories(root.resolve("data/realKnownCause"));
        Path b = Files.createDirectories(root.resolve("data/artificialWithAnomaly"));
        Files.createDirectories(root.resolve("labels"));
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < 48; i++) {
            lines.add(String.format(Locale.ROOT, "2014-07-01 %02d:%02d:00,%d", i / 2, (i % 2) * 30, 10000 + i * 10));
        }
        Files.write(a.resolve("nyc_taxi.csv"), lines);
        Files.writeString(b.resolve("art_daily_jumpsup.csv"), "timestamp,value\n2014-04-01 00:00:00,18.3\n2014-04-01 00:05:00,21.9\n");
        Files.writeString(root.resolve("labels/combined_windows.json"), """
                {
                    "realKnownCause/nyc_taxi.csv": [["2014-07-01 03:00:00.000000", "2014-07-01 04:00:00.000000"]],
                    "artificialWithAnomaly/art_daily_jumpsup.csv": [],
                    "realKnownCause/not_here.csv": []
                }
                """);
        return root;
    }
}
