package jnas.core.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Your own raw text for language modelling, WikiText-style: a training, a validation and optionally a
 * test file, read as UTF-8 (a leading byte-order mark is dropped).
 *
 * <p>{@link #fromFolder(Path)} finds the files by name in one folder: a name ends in {@code .txt},
 * {@code .raw} or {@code .tokens} and its last part before that is {@code train}, {@code valid}
 * ({@code validation}, {@code val} and {@code dev} also count) or {@code test}, alone or after a prefix
 * and a dot, dash or underscore. So {@code train.txt}, {@code wiki.valid.raw} (WikiText-2/103),
 * {@code ptb.test.txt} and {@code my-train.raw} are all found. Two candidates for one role are an
 * error; name the files with {@link #of(Path, Path, Path)} instead.
 *
 * <p>Every failure is a {@link DataException} with a one-line message naming the file.
 */
public final class TextFiles {

    private TextFiles() {}

    /** The role a file plays. */
    public enum Role { TRAIN, VALID, TEST }

    private static final Pattern NAME = Pattern.compile(
            "(?:.*[._-])?(train|valid|validation|val|dev|test)\\.(txt|raw|tokens)");

    /**
     * Reads train/valid(/test) files found by name in {@code dir} (see the class notes).
     *
     * @throws DataException when the folder is missing, has no training or validation file, has two
     *                       candidates for one role, or a file cannot be read
     */
    public static TextData fromFolder(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Map<Role, Path> files = find(dir);
        return new TextData(String.valueOf(dir.toAbsolutePath().normalize().getFileName()),
                read(files.get(Role.TRAIN)), read(files.get(Role.VALID)),
                files.containsKey(Role.TEST) ? read(files.get(Role.TEST)) : "");
    }

    /**
     * The files {@link #fromFolder(Path)} would read, by role (no test entry when there is none).
     *
     * @throws DataException as {@link #fromFolder(Path)}
     */
    public static Map<Role, Path> find(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException("Text folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist")
                    + "; expected a folder with train/valid(/test) .txt or .raw files");
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new DataException("Cannot list text folder " + dir + " (" + DataException.describe(e)
                    + "); expected a readable folder", e);
        }
        Map<Role, List<Path>> candidates = new EnumMap<>(Role.class);
        for (Path p : entries) {
            Matcher m = NAME.matcher(p.getFileName().toString().toLowerCase(Locale.ROOT));
            if (!m.matches()) continue;
            Role role = switch (m.group(1)) {
                case "train" -> Role.TRAIN;
                case "test" -> Role.TEST;
                default -> Role.VALID;
            };
            candidates.computeIfAbsent(role, r -> new ArrayList<>()).add(p);
        }
        Map<Role, Path> found = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            List<Path> list = candidates.getOrDefault(role, List.of());
            if (list.size() > 1) {
                throw new DataException("Text folder " + dir + " has " + list.size() + " " + label(role) + " files ("
                        + list.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                        + "); expected one, or name them with TextFiles.of(train, valid, test)");
            }
            if (list.size() == 1) found.put(role, list.get(0));
            else if (role != Role.TEST) {
                throw new DataException("Text folder " + dir + " has no " + label(role) + " file; expected a name like "
                        + example(role) + " (.txt, .raw or .tokens)");
            }
        }
        return found;
    }

    /** Reads explicit training and validation files (no test text). */
    public static TextData of(Path train, Path valid) {
        return of(train, valid, null);
    }

    /**
     * Reads explicit files.
     *
     * @param train the training text
     * @param valid the validation text
     * @param test  the test text, or {@code null}
     * @throws DataException when a file is missing, unreadable, empty or not UTF-8
     */
    public static TextData of(Path train, Path valid, Path test) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Path parent = train.toAbsolutePath().normalize().getParent();
        String name = parent == null || parent.getFileName() == null ? "text" : parent.getFileName().toString();
        return new TextData(name, read(train), read(valid), test == null ? "" : read(test));
    }

    /**
     * Reads one non-empty UTF-8 text file.
     *
     * @throws DataException with a one-line message when it is missing, a folder, unreadable, empty or
     *                       not valid UTF-8
     */
    public static String read(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new DataException("Text file " + file + " is a folder; expected a UTF-8 text file");
        }
        if (!Files.exists(file)) {
            throw new DataException("Text file " + file + " does not exist; expected a UTF-8 text file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new DataException("Text file " + file + " is not valid UTF-8; expected a UTF-8 text file", e);
        } catch (AccessDeniedException e) {
            throw new DataException("Text file " + file + " cannot be read (permission denied); expected a readable file", e);
        } catch (IOException e) {
            throw new DataException("Text file " + file + " cannot be read (" + DataException.describe(e)
                    + "); expected a readable UTF-8 text file", e);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        if (text.isEmpty()) {
            throw new DataException("Text file " + file + " is empty; expected some text");
        }
        return text;
    }

    private static String label(Role role) {
        return switch (role) {
            case TRAIN -> "training";
            case VALID -> "validation";
            case TEST -> "test";
        };
    }

    private static String example(Role role) {
        return switch (role) {
            case TRAIN -> "train.txt or wiki.train.raw";
            case VALID -> "valid.txt or wiki.valid.raw";
            case TEST -> "test.txt or wiki.test.raw";
        };
    }
}
