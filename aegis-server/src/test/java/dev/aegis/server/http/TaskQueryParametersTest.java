package dev.aegis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.task.Priority;
import dev.aegis.api.task.TaskQuery;
import dev.aegis.api.task.TaskStatus;
import io.helidon.common.uri.UriQuery;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskQueryParametersTest {

    @Test
    void noParametersListTheFirstFiftyOfEveryStatusAndPriority() {
        assertThat(TaskQueryParameters.parse(UriQuery.empty()))
                .isEqualTo(new TaskQuery(Optional.empty(), Optional.empty(), 50, Optional.empty()));
    }

    @Test
    void readsEveryParameterInAnyCase() {
        TaskQuery query = TaskQueryParameters.parse(
                UriQuery.create("status=succeeded&priority=HIGH&limit=1000&cursor=01JABC"));

        assertThat(query).isEqualTo(new TaskQuery(Optional.of(TaskStatus.SUCCEEDED), Optional.of(Priority.HIGH),
                1000, Optional.of("01JABC")));
    }

    @Test
    void emptyValuesCountAsAbsent() {
        assertThat(TaskQueryParameters.parse(UriQuery.create("status=&priority=&limit=&cursor=")))
                .isEqualTo(new TaskQuery(Optional.empty(), Optional.empty(), 50, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} is a 400 on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            status=DONE           | status   | was 'DONE'
            priority=urgent       | priority | [critical, high, normal, low]
            limit=0               | limit    | from 1 to 1000, was '0'
            limit=1001            | limit    | was '1001'
            limit=-1              | limit    | was '-1'
            limit=ten             | limit    | was 'ten'
            limit=99999999999999  | limit    | was '99999999999999'
            limit=5&limit=6       | limit    | may be given once
            state=QUEUED          | state    | unknown query parameter 'state'
            """)
    void aBadParameterIsA400NamingIt(String query, String field, String detail) {
        assertThatThrownBy(() -> TaskQueryParameters.parse(UriQuery.create(query)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_FIELD);
                    assertThat(problem.field()).contains(field);
                    assertThat(problem.detail()).contains(detail);
                });
    }
}
