package dev.keel.spec;

import java.util.ArrayList;
import java.util.List;

/** Adapts content to what an older revision can carry. */
final class ContentBlocks {

    private ContentBlocks() {
    }

    /** {@code content} with every block {@code version} lacks turned into text; the same list if none. */
    static List<ContentBlock> adaptTo(List<ContentBlock> content, ProtocolVersion version) {
        List<ContentBlock> adapted = null;
        for (int i = 0; i < content.size(); i++) {
            ContentBlock block = content.get(i);
            if (!block.availableIn(version)) {
                if (adapted == null) {
                    adapted = new ArrayList<>(content.subList(0, i));
                }
                adapted.add(asText(block));
            } else if (adapted != null) {
                adapted.add(block);
            }
        }
        return adapted == null ? content : List.copyOf(adapted);
    }

    /** {@code block} described as text, for a client that cannot receive it as such. */
    static ContentBlock adaptTo(ContentBlock block, ProtocolVersion version) {
        return block.availableIn(version) ? block : asText(block);
    }

    private static TextContent asText(ContentBlock block) {
        return switch (block) {
            case ResourceLink link -> new TextContent("Resource " + link.name() + ": " + link.uri()
                    + (link.description() == null ? "" : " (" + link.description() + ")"), link.annotations(), null);
            case AudioContent audio -> new TextContent("[audio content of type " + audio.mimeType()
                    + " omitted: this client's protocol revision cannot carry audio]", audio.annotations(), null);
            case TextContent text -> text;
            case ImageContent image -> new TextContent("[image of type " + image.mimeType() + " omitted]", null, null);
            case EmbeddedResource resource -> new TextContent("Resource " + resource.resource().uri(), null, null);
        };
    }
}
