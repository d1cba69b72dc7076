package org.isrepro.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.isrepro.core.model.NativeDefaults;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Prints, as one JSON object on stdout, which nd4j-native build this classpath really loads: the classifier
 * of the directory JavaCPP extracted libnd4jcpu from ({@code linux-x86_64}, {@code linux-x86_64-avx2},
 * {@code linux-x86_64-onednn-avx2}, ...), ND4J's build information (which names HAVE_ONEDNN when oneDNN is in)
 * and its thread count. The peer benchmark records it as provenance; several classifier jars on one classpath
 * resolve to one build, and only the loaded library says which.
 */
public final class NativeInfo {
    private static final Pattern CLASSIFIER = Pattern.compile("bindings/([^/]+)/libnd4jcpu\\.so");

    static {
        NativeDefaults.apply(); // as every benchmark fork does (Workload)
    }

    private NativeInfo() {
    }

    public static void main(String[] args) throws Exception {
        Nd4j.create(1); // loads the backend
        Map<String, String> libraries = new TreeMap<>(Loader.getLoadedLibraries());
        String classifier = null;
        for (String path : libraries.values()) {
            Matcher m = CLASSIFIER.matcher(path == null ? "" : path);
            if (m.find()) {
                classifier = m.group(1);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("classifier", classifier);
        out.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        out.put("buildInfo", NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo());
        out.put("threads", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        out.put("javacppMaxPhysicalBytes", Pointer.maxPhysicalBytes());
        out.put("libraries", libraries);
        System.out.println(new ObjectMapper().writeValueAsString(out));
    }
}
