package org.jiesu.dispatch;

import java.util.List;
import org.jiesu.intake.Intake;
import org.springframework.stereotype.Component;

/** The order page's attachments: the photos intake keeps with the request, opened through the order. */
@Component
class RequestPhotos implements RequestAttachments {

    private final Intake intake;

    RequestPhotos(Intake intake) {
        this.intake = intake;
    }

    @Override
    public List<Attachment> of(long requestId) {
        return intake.photosOf(requestId).stream()
                .map(p -> new Attachment(
                        "photo-" + p.id() + "." + p.contentType().substring("image/".length()),
                        "/requests/" + requestId + "/photos/" + p.id(),
                        p.size(),
                        p.contentType()))
                .toList();
    }
}
