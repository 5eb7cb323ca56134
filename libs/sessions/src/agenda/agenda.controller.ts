import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@kenes/common';
import { AgendaDto, AgendaQueryDto } from './agenda.dto';
import { AgendaService } from './agenda.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class AgendaController {
  constructor(private readonly agendaService: AgendaService) {}

  @Get('agenda')
  @ApiOperation({
    summary:
      "What needs you now, across your councils: open polls you may vote in (and whether you have), your agency's unanswered consultations, today's sittings, closed polls whose minority you may still join, and for a secretariat the petitions to moderate and minority opinions to acknowledge (any user; only your own)",
  })
  @ApiOkResponse({ type: AgendaDto })
  agenda(@CurrentUser() user: AuthUser, @Query() q: AgendaQueryDto): Promise<AgendaDto> {
    return this.agendaService.agenda(user, q);
  }
}
