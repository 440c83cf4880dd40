package org.jiesu.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactTest {

    @Test
    void namesKeepOnlyTheirFirstCharacter() {
        assertThat(new Contact("张三丰", null).masked().name()).isEqualTo("张**");
        assertThat(new Contact("阿依古丽", null).masked().name()).isEqualTo("阿***");
        assertThat(new Contact("李", null).masked().name()).isEqualTo("李*");
    }

    @Test
    void phonesKeepTheirFirstThreeAndLastFourDigits() {
        assertThat(new Contact(null, "13812345678").masked().phone()).isEqualTo("138****5678");
        assertThat(new Contact(null, "0994-2345678").masked().phone()).isEqualTo("099****5678");
        assertThat(new Contact(null, "12345").masked().phone()).isEqualTo("1****");
    }

    @Test
    void missingContactStaysMissing() {
        assertThat(new Contact(null, null).masked()).isEqualTo(new Contact(null, null));
    }
}
