package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @Test
    void findsWikiTextStyleFiles(@TempDir Path dir) throws Exception {
        Path wiki = Files.createDirectories(dir.resolve("wikitext-2-raw"));
        Files.writeString(wiki.resolve("wiki.train.raw"), " = Valkyria = \n train text é\n");
        Files.writeString(wiki.resolve("wiki.valid.raw"), " valid text\n");
        Files.writeString(wiki.resolve("wiki.test.raw"), " test text\n");
        Files.writeString(wiki.resolve("README.txt"), "ignored");
        TextData data = TextFiles.fromFolder(wiki);
        assertEquals("wikitext-2-raw", data.name());
        assertEquals(" = Valkyria = \n train text é\n", data.train());
        assertEquals(" valid text\n", data.valid());
        assertEquals(" test text\n", data.test());
        assertTrue(data.hasTest());
    }

    @Test
    void findsPlainNamesAndTreatsTestAsOptional(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("train.txt"), "\uFEFFabc");
        Files.write(dir.resolve("validation.TXT"), "déf".getBytes(StandardCharsets.UTF_8));
        Map<TextFiles.Role, Path> found = TextFiles.find(dir);
        assertEquals(dir.resolve("train.txt"), found.get(TextFiles.Role.TRAIN));
        assertFalse(found.containsKey(TextFiles.Role.TEST));
        TextData data = TextFiles.fromFolder(dir);
        assertEquals("abc", data.train()); // byte-order mark dropped
        assertEquals("déf", data.valid());
        assertEquals("", data.test());
        assertFalse(data.hasTest());
    }

    @Test
    void readsExplicitPaths(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("mine-a.md"), "one");
        Path b = Files.writeString(dir.resolve("mine-b.md"), "two");
        TextData data = TextFiles.of(a, b);
        assertEquals("one", data.train());
        assertEquals("two", data.valid());
        assertEquals(dir.getFileName().toString(), data.name());
        assertEquals("one", TextFiles.of(a, b, a).test());
    }

    @Test
    void errorsAreOneLineAndNameTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.txt");
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.read(missing)),
                "Text file " + missing + " does not exist; expected a UTF-8 text file");
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.read(dir)),
                "Text file " + dir + " is a folder; expected a UTF-8 text file");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.read(empty)),
                "Text file " + empty + " is empty; expected some text");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.read(latin1)),
                "Text file " + latin1 + " is not valid UTF-8; expected a UTF-8 text file");
        Path notAFolder = dir.resolve("nowhere");
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.fromFolder(notAFolder)),
                "Text folder " + notAFolder + " does not exist; expected a folder with train/valid(/test) .txt or .raw files");
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.of(missing, empty)),
                "Text file " + missing + " does not exist; expected a UTF-8 text file");
    }

    @Test
    void missingOrAmbiguousRolesAreReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("train.txt"), "abc");
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.fromFolder(dir)),
                "Text folder " + dir + " has no validation file; expected a name like valid.txt or wiki.valid.raw"
                        + " (.txt, .raw or .tokens)");
        Files.writeString(dir.resolve("valid.txt"), "def");
        Files.writeString(dir.resolve("wiki.train.raw"), "ghi");
        assertOneLine(assertThrows(DataException.class, () -> TextFiles.fromFolder(dir)),
                "Text folder " + dir + " has 2 training files (train.txt, wiki.train.raw); expected one, or name them"
                        + " with TextFiles.of(train, valid, test)");
    }

    private static void assertOneLine(DataException e, String expected) {
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
