package dev.realtimelessons.checker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The source and resource roots of every module, read from the build's effective POMs, and the rule that each
 * folder belongs to one module only.
 *
 * <p>Why: an IDE that imports the root pom makes one module of each Maven module, and IntelliJ IDEA refuses a
 * folder that is a root of two ("Duplicate content roots detected"): it keeps the folder in one module and drops
 * it from the other, so a lesson's test could run against the solution. A root is what the POM names as
 * {@code sourceDirectory}, {@code testSourceDirectory}, a resource or test resource directory, or a source or
 * resource that build-helper-maven-plugin adds. Each must lie inside its own module's folder, and no two modules
 * may have a root inside one another's.
 */
final class SourceRoots {

    /** Where {@code ./mvnw verify -Dcheck} leaves the effective POMs of the whole reactor (help:effective-pom). */
    static final String EFFECTIVE_POMS = "target/effective-poms.xml";

    private final Map<String, Module> modules;

    private SourceRoots(Map<String, Module> modules) {
        this.modules = modules;
    }

    /** One module: its folder and its roots, absolute and normalized. */
    record Module(String artifactId, Path folder, List<Path> roots) {
    }

    static SourceRoots read(Path effectivePoms) throws IOException {
        try (InputStream in = Files.newInputStream(effectivePoms)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(in);
            Map<String, Module> modules = new LinkedHashMap<>();
            for (Element project : descendants(document.getDocumentElement(), "project")) {
                Module module = module(project);
                modules.put(module.artifactId(), module);
            }
            return new SourceRoots(modules);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + effectivePoms + ": " + e.getMessage(), e);
        }
    }

    List<Module> modules() {
        return List.copyOf(modules.values());
    }

    /** What breaks the rule: a root outside its module's folder, or a folder that is a root of two modules. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<Module> all = modules();
        for (Module module : all) {
            for (Path root : module.roots()) {
                if (!root.startsWith(module.folder())) {
                    problems.add(module.artifactId() + " has a source root outside its folder: " + root);
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                for (Path a : all.get(i).roots()) {
                    for (Path b : all.get(j).roots()) {
                        if (a.startsWith(b) || b.startsWith(a)) {
                            problems.add(all.get(i).artifactId() + " and " + all.get(j).artifactId()
                                    + " share a source root: " + (a.startsWith(b) ? b : a));
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static Module module(Element project) {
        String artifactId = text(child(project, "artifactId"));
        Element build = child(project, "build");
        // Maven makes build.directory absolute; a module's folder is where its target/ lives.
        Path folder = Path.of(text(child(build, "directory"))).getParent().normalize();
        List<String> named = new ArrayList<>();
        named.add(text(child(build, "sourceDirectory")));
        named.add(text(child(build, "testSourceDirectory")));
        for (String list : List.of("resources", "testResources")) {
            for (Element resource : children(child(build, list))) {
                named.add(text(child(resource, "directory")));
            }
        }
        for (Element plugin : descendants(build, "plugin")) {
            if (!"build-helper-maven-plugin".equals(text(child(plugin, "artifactId")))) {
                continue;
            }
            for (Element source : descendants(plugin, "source")) {
                named.add(text(source));
            }
            for (Element resource : descendants(plugin, "resource")) {
                named.add(text(child(resource, "directory")));
            }
        }
        List<Path> roots = named.stream().filter(path -> !path.isBlank())
                .map(path -> folder.resolve(path).normalize()).distinct().toList();
        return new Module(artifactId, folder, roots);
    }

    private static List<Element> descendants(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        var nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElse(null);
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent().trim();
    }
}
