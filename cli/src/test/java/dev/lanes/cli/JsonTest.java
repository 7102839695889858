package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesAndNumbers() {
        String json = Json.object().put("s", "a\"b\\c\n\t\u0001\u2028").put("n", 0.1).put("i", -3).put("nan", Double.NaN)
                .put("inf", Double.NEGATIVE_INFINITY).put("b", true).put("none", (String) null)
                .putRaw("a", Json.array(List.of("1", Json.quote("x")))).toString();
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\u2028\",\"n\":0.1,\"i\":-3,\"nan\":null,\"inf\":null,\"b\":true,"
                + "\"none\":null,\"a\":[1,\"x\"]}", json);
        assertEquals("1.0E-7", Json.number(1e-7));
        assertEquals("0.1", Json.number(0.1f));
        assertEquals("\"\\ud800x\"", Json.quote("\ud800x"), "an unpaired surrogate is escaped, not lost");
        assertEquals("\"\ud83d\ude00\"", Json.quote("\ud83d\ude00"), "a pair stays as it is");
    }

    @Property(tries = 300)
    void everyStringAndNumberReadsBackAsWritten(@ForAll String s, @ForAll double d, @ForAll float f) {
        Map<String, Object> o = JsonReader.object(Json.object().put("k" + s, s).put("d", d).toString());
        assertEquals(s, o.get("k" + s));
        assertEquals(Double.isFinite(d) ? d : null, o.get("d"));
        Object back = JsonReader.parse(Json.number(f));
        assertEquals(Float.isFinite(f) ? (Object) (double) f : null, back == null ? null : (double) (float) (double) back);
    }
}
