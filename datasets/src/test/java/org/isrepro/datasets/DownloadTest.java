package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.source.Downloader;
import org.isrepro.datasets.source.Pin;
import org.isrepro.datasets.source.RemoteFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class DownloadTest {
    @TempDir Path tmp;
    private HttpServer server;
    private String base;
    private final byte[] payload = Fixtures.gzip(Fixtures.idxImages(3, 28, 28));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/good", ex -> {
            ex.sendResponseHeaders(200, payload.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(payload);
            }
        });
        server.createContext("/interrupted", ex -> {
            // promises the whole file, sends half, then drops the connection
            ex.sendResponseHeaders(200, payload.length);
            OutputStream out = ex.getResponseBody();
            out.write(payload, 0, payload.length / 2);
            out.flush();
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private RemoteFile remote(String path, String sha256) {
        return new RemoteFile("file.gz", base + path, sha256, null, payload.length);
    }

    @Test
    void verifiedDownloadAppearsUnderItsFinalNameOnly() throws IOException {
        Path target = tmp.resolve("d/file.gz");
        Downloader.download("fixture", remote("/good", Sha256.of(payload)), target);
        assertArrayEquals(payload, Files.readAllBytes(target));
        assertEquals(List.of(target), Fixtures.filesUnder(tmp.resolve("d")), "no temporary file left");
    }

    @Test
    void downloadWithWrongChecksumLeavesNoFile() {
        Path target = tmp.resolve("d/file.gz");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Downloader.download("fixture", remote("/good", "00".repeat(32)), target));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertEquals(List.of(), Fixtures.filesUnder(tmp.resolve("d")));
    }

    @Test
    void interruptedDownloadLeavesNoFile() {
        Path target = tmp.resolve("d/file.gz");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Downloader.download("fixture", remote("/interrupted", Sha256.of(payload)), target));
        assertEquals(Kind.DOWNLOAD_FAILED, e.kind());
        assertEquals(List.of(), Fixtures.filesUnder(tmp.resolve("d")));
    }

    @Test
    void httpErrorIsADownloadFailureThatSaysWhatToDo() {
        Path target = tmp.resolve("d/file.gz");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Downloader.download("fixture", remote("/missing", Sha256.of(payload)), target));
        assertEquals(Kind.DOWNLOAD_FAILED, e.kind());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertTrue(e.getMessage().contains(base + "/missing"), e.getMessage());
        assertTrue(e.getMessage().contains(Sha256.of(payload)), e.getMessage());
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void fileUrlsWorkForManuallyMirroredData() throws IOException {
        Path src = Fixtures.write(tmp.resolve("mirror/file.gz"), payload);
        Path target = tmp.resolve("d/file.gz");
        Downloader.download("fixture",
                new RemoteFile("file.gz", src.toUri().toString(), Sha256.of(payload), null, -1), target);
        assertArrayEquals(payload, Files.readAllBytes(target));
    }

    @Test
    void publisherMd5IsUsedWhenNoSha256IsKnown() throws Exception {
        String md5 = Sha256.hex(java.security.MessageDigest.getInstance("MD5").digest(payload));
        Path target = tmp.resolve("d/file.gz");
        Downloader.download("fixture", new RemoteFile("file.gz", base + "/good", null, md5, -1), target);
        assertTrue(Files.exists(target));
        Path other = tmp.resolve("e/file.gz");
        assertEquals(Kind.CHECKSUM_MISMATCH, assertThrows(DatasetException.class, () ->
                Downloader.download("fixture", new RemoteFile("file.gz", base + "/good", null,
                        "0".repeat(32), -1), other)).kind());
        assertFalse(Files.exists(other));
    }

    /** An MNIST-format set whose URLs point at {@code baseUrl}. */
    private Catalog.IdxSet fixtureSet(String baseUrl) {
        byte[] lbl = Fixtures.gzip(Fixtures.idxLabels(new int[] {1, 2, 3}));
        List<RemoteFile> files = List.of(
                new RemoteFile("train-images-idx3-ubyte.gz", baseUrl + "/good", Sha256.of(payload), null,
                        payload.length),
                new RemoteFile("train-labels-idx1-ubyte.gz", baseUrl + "/labels", Sha256.of(lbl), null,
                        lbl.length),
                new RemoteFile("t10k-images-idx3-ubyte.gz", baseUrl + "/x", "11".repeat(32), null, 1),
                new RemoteFile("t10k-labels-idx1-ubyte.gz", baseUrl + "/y", "22".repeat(32), null, 1));
        List<Pin> pins = files.stream()
                .map(f -> new Pin(f.fileName(), "ff".repeat(32), java.util.Set.of(f.sha256()))).toList();
        server.createContext("/labels", ex -> {
            ex.sendResponseHeaders(200, lbl.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(lbl);
            }
        });
        return new Catalog.IdxSet("fixture-mnist", 10, files, pins, List.of());
    }

    @Test
    void missingDatasetIsDownloadedVerifiedAndLoaded() {
        DataDirectory dd = DataDirectory.of(tmp);
        ImageDataset ds = Datasets.idx(fixtureSet(base), dd, Split.TRAIN);
        assertEquals(3, ds.size());
        assertEquals(2, ds.label(1));
        assertTrue(Files.exists(tmp.resolve("fixture-mnist/train-labels-idx1-ubyte.gz")));
    }

    @Test
    void unreachableServerGivesAnErrorNamingDatasetUrlFilesChecksumsAndPlace() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Catalog.IdxSet set = fixtureSet("http://127.0.0.1:" + closedPort);
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.idx(set, DataDirectory.of(tmp), Split.TRAIN));
        assertEquals(Kind.DOWNLOAD_FAILED, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("fixture-mnist/train"), m);
        assertTrue(m.contains("http://127.0.0.1:" + closedPort + "/good"), m);
        assertTrue(m.contains("train-images-idx3-ubyte.gz") && m.contains(Sha256.of(payload)), m);
        assertTrue(m.contains(tmp.resolve("fixture-mnist").toString()), m);
        assertEquals(List.of(), Fixtures.filesUnder(tmp));
    }

    @Test
    void offlineModeRefusesToDownloadAndListsEveryFileOfTheDataset() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.mnist(DataDirectory.of(tmp).offline(true), Split.TEST));
        assertEquals(Kind.MISSING, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("mnist/test") && m.contains("ISREPRO_OFFLINE=1"), m);
        assertTrue(m.contains("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"), m);
        assertTrue(m.contains(tmp.resolve("mnist").resolve("t10k-labels-idx1-ubyte.gz").toString()), m);
        assertTrue(m.contains(tmp.resolve("mnist").resolve("train-images-idx3-ubyte.gz").toString())
                && m.contains(tmp.resolve("mnist").resolve("train-labels-idx1-ubyte.gz").toString()),
                "the train files are listed too: " + m);
    }

    @Test
    void dataDirectoryHonoursIsreproDataAndDefaultsToTheCache() {
        assertEquals(Path.of("/data/x").toAbsolutePath(),
                DataDirectory.fromEnvironment(java.util.Map.of("ISREPRO_DATA", "/data/x"), "/home/u").root());
        DataDirectory d = DataDirectory.fromEnvironment(java.util.Map.of("ISREPRO_OFFLINE", "1"), "/home/u");
        assertEquals(Path.of("/home/u/.cache/isrepro"), d.root());
        assertTrue(d.offline());
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("hostname"), "vm\n");
        DatasetException e = assertThrows(DatasetException.class,
                () -> DataDirectory.fromEnvironment(java.util.Map.of("ISREPRO_DATA", file.toString()), "/home/u"));
        assertTrue(e.getMessage().contains(file + " (ISREPRO_DATA) is a file, not a directory"), e.getMessage());
        assertEquals(tmp, DataDirectory.fromEnvironment(java.util.Map.of("ISREPRO_DATA", tmp.toString()), "/home/u")
                .root(), "a directory is accepted");
    }
}
