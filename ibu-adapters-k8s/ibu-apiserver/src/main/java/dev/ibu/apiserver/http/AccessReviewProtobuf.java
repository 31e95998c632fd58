package dev.ibu.apiserver.http;

import com.google.protobuf.CodedInputStream;
import dev.ibu.apiserver.api.StatusError;
import dev.ibu.apiserver.json.Json;
import java.io.IOException;
import java.util.Arrays;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one protobuf body this server reads: the SelfSubjectAccessReview kubectl auth can-i sends. The envelope is
 * "k8s\0" + runtime.Unknown{raw = 2}; the review is {spec = 2 {resourceAttributes = 1 {namespace 1, verb 2,
 * group 3, version 4, resource 5, subresource 6, name 7}}} (k8s.io/api/authorization/v1/generated.proto).
 */
final class AccessReviewProtobuf {
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final String[] ATTRIBUTES = {null, "namespace", "verb", "group", "version", "resource", "subresource", "name"};

    private AccessReviewProtobuf() {
    }

    static ObjectNode decode(byte[] body) {
        if (body.length < 4 || !Arrays.equals(Arrays.copyOf(body, 4), MAGIC)) {
            throw StatusError.badRequest("not a Kubernetes protobuf body");
        }
        try {
            byte[] raw = field(Arrays.copyOfRange(body, 4, body.length), 2);
            byte[] attributes = field(field(raw, 2), 1);
            ObjectNode review = Json.object();
            ObjectNode ra = review.putObject("spec").putObject("resourceAttributes");
            CodedInputStream in = CodedInputStream.newInstance(attributes);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int number = tag >>> 3;
                if (number < ATTRIBUTES.length && (tag & 7) == 2) {
                    ra.put(ATTRIBUTES[number], in.readStringRequireUtf8());
                } else {
                    in.skipField(tag);
                }
            }
            return review;
        } catch (IOException e) {
            throw StatusError.badRequest("cannot decode the SelfSubjectAccessReview: " + e.getMessage());
        }
    }

    private static byte[] field(byte[] message, int wanted) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag >>> 3 == wanted && (tag & 7) == 2) {
                return in.readByteArray();
            }
            in.skipField(tag);
        }
        return new byte[0];
    }
}
